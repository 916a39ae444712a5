using System.Diagnostics;
using System.Text.Json;

namespace NumeraiPipeline.Orchestrator.Tests.Execution;

/// <summary>A real child process killed with SIGKILL in the middle of a stage; the next run redoes only what did not finish.</summary>
public sealed class KilledRunResumeTests : IDisposable
{
    private readonly PipelineFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task A_run_killed_mid_stage_resumes_at_that_stage()
    {
        var marker = Path.Combine(files.Root, "second-started").Replace("\\", "/");
        var p = files.Write("kill.yaml", $$"""
            name: kill
            stages:
              first:
                uses: test.echo
                with: { message: one }
              second:
                uses: test.echo
                needs: [first]
                with: { message: two, marker: "{{marker}}", delay_ms: 60000 }
              third:
                uses: test.copy
                with: { source: "${stages.second.outputs.text}" }
            """);
        var exe = NumeraiPipeline.TestKit.CliProcess.HostDll;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { exe, "run", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace })
        {
            start.ArgumentList.Add(a);
        }

        using var child = Process.Start(start)!;
        _ = child.StandardOutput.ReadToEndAsync();
        _ = child.StandardError.ReadToEndAsync();
        await Task.WhenAny(NumeraiPipeline.TestKit.FileSignals.WaitForFileAsync(marker), child.WaitForExitAsync());

        File.Exists(marker).ShouldBeTrue("the child never reached the second stage");
        child.Kill(entireProcessTree: true); // SIGKILL on Linux
        await child.WaitForExitAsync();

        File.Exists(Path.Combine(files.Workspace, "stamps", "kill", "first.json")).ShouldBeTrue();
        File.Exists(Path.Combine(files.Workspace, "stamps", "kill", "second.json")).ShouldBeFalse();
        File.Exists(files.Artifact("kill", "second", "text.txt")).ShouldBeFalse();

        var rerun = await files.RunAsync(p, "--json", "--set", "stages.second.with.delay_ms=0");

        rerun.ExitCode.ShouldBe(0, rerun.Error);
        var outcomes = JsonDocument.Parse(rerun.Output).RootElement.GetProperty("stages").EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("outcome").GetString());
        outcomes["first"].ShouldBe("up-to-date");
        outcomes["second"].ShouldBe("succeeded");
        outcomes["third"].ShouldBe("succeeded");
        File.ReadAllText(files.Artifact("kill", "third", "copy.txt")).ShouldBe("two\n");
    }
}
