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
        using var process = Start(workingDirectory, environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the built CLI (the host's own build output, which references no ASP.NET Core) with the built-in plugins; the caller reads its streams.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartWithPlugins(workingDirectory, environment, Path.Combine(DemoPipelineTests.Root(), "artifacts", "plugins"), args);

    /// <summary>Runs the built CLI with the plugins of <paramref name="pluginsFolder"/> only (e.g. a copy of a plugin with a file taken away).</summary>
    public static async Task<(int Code, string Output, string Error)> RunWithPluginsAsync(string workingDirectory, string pluginsFolder, params string[] args)
    {
        using var process = StartWithPlugins(workingDirectory, new Dictionary<string, string>(), pluginsFolder, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static Process StartWithPlugins(string workingDirectory, IReadOnlyDictionary<string, string> environment, string pluginsFolder, string[] args)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var root = DemoPipelineTests.Root();
        var cli = Path.Combine(root, "src", "Orchestrator", "bin", configuration, "net10.0", "numerai-pipeline.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, .. args, "--plugins", pluginsFolder])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in new[] { "NUMERAI_API_URL", "NUMERAI_PUBLIC_ID", "NUMERAI_SECRET_KEY", "NUMERAI_PIPELINE_STORE", "OTEL_EXPORTER_OTLP_ENDPOINT" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }
}
