using System.Diagnostics;

namespace NumeraiPipeline.CloudTrigger.Tests;

/// <summary>The service's process: a configuration error is one line with its code and exit code 3, no stack trace.</summary>
public sealed class ProgramTests
{
    [Fact]
    public async Task A_missing_secret_stops_the_process_with_NP6791_and_exit_code_3()
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "NumeraiPipeline.CloudTrigger.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("TRIGGER_SECRET");
        start.Environment.Remove("TRIGGER_SECRET_FILE");
        start.Environment["CLOUD_RUN_JOB"] = "projects/p/locations/r/jobs/j";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.ShouldBe(3);
        (await stderr).Trim().ShouldBe("numerai-pipeline-trigger: error NP6791: TRIGGER_SECRET is missing or shorter than 16 characters. Set it from Secret Manager (see deploy/gcp/README.md).");
    }
}
