using System.Diagnostics;

namespace NumeraiPipeline.TestKit;

/// <summary>
/// Runs the real numerai-pipeline executable (the build output beside the test assembly) as a child process, with
/// its own environment: how a scheduler or a Cloud Run job starts it, and how tests give it environment variables
/// without touching their own process's.
/// </summary>
public static class CliProcess
{
    public static async Task<CliProcessResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "numerai-pipeline.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var name in new[] { "NUMERAI_PIPELINE_STORE", "STORAGE_EMULATOR_HOST", "NUMERAI_API_URL", "NUMERAI_PUBLIC_ID", "NUMERAI_SECRET_KEY", "NUMERAI_MODEL", "OTEL_EXPORTER_OTLP_ENDPOINT" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliProcessResult(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>What a child run printed and returned.</summary>
public sealed record CliProcessResult(int ExitCode, string Output, string Error);
