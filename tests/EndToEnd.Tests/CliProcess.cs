using System.Diagnostics;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>
/// Runs the built CLI as its own process, as a user does: what native libraries print to the process's stdout and
/// stderr is part of the output here (an in-process run would not see it), and secrets come from its environment.
/// </summary>
internal static class CliProcess
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var root = DemoPipelineTests.Root();
        var cli = Path.Combine(root, "src", "Orchestrator", "bin", configuration, "net10.0", "numerai-pipeline.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, .. args, "--plugins", Path.Combine(root, "artifacts", "plugins")])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
