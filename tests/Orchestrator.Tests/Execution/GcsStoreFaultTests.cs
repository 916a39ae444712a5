using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using NumeraiPipeline.GcsStandIn;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests.Execution;

/// <summary>
/// The executable in its own process against the GCS stand-in (STORAGE_EMULATOR_HOST) with faults: bursts of 5xx and
/// slow answers are ridden out; a store that is unreachable, refuses access, never answers or dies mid-run ends the run
/// with an NP67xx code and exit code 3, without a stack trace, and the notifier (when: always) still reports the cause.
/// </summary>
public sealed class GcsStoreFaultTests : IAsyncLifetime
{
    private readonly PipelineFiles files = new();
    private FakeGcsServer gcs = null!;

    public async Task InitializeAsync() => gcs = await FakeGcsServer.StartAsync("np-faults");

    public async Task DisposeAsync()
    {
        await gcs.DisposeAsync();
        files.Dispose();
    }

    private string Report => Path.Combine(files.Root, "report.json");

    private string Pipeline => files.Write("p.yaml", $$"""
        name: faults
        stages:
          prepare: { uses: test.echo, with: { message: data } }
          train: { uses: test.copy, with: { source: "${stages.prepare.outputs.text}" } }
          notify: { uses: test.report, needs: [train], when: always, with: { path: "{{Report}}" } }
        """);

    [Fact]
    public async Task A_burst_of_503s_at_pull_and_push_is_retried_and_the_run_succeeds()
    {
        gcs.FailNext = 3;

        var run = await RunAsync(gcs.Endpoint, "00:00:30");

        run.ExitCode.ShouldBe(0, run.Error);
        Outcomes(run).ShouldBe(new Dictionary<string, string> { ["prepare"] = "succeeded", ["train"] = "succeeded", ["notify"] = "succeeded" });
        run.Error.ShouldContain("failed (attempt 1: Cannot list 'artifacts/faults/' in gs://np-faults/ws: 503 We encountered an internal error. Please try again.");
        gcs.Content("np-faults", "ws/stamps/faults/train.json").ShouldNotBeNull();
    }

    [Fact]
    public async Task Slow_answers_time_out_and_are_retried()
    {
        gcs.HangNext = 1;

        var run = await RunAsync(gcs.Endpoint, "00:00:15");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Error.ShouldContain("no answer within 5 s");
        gcs.Content("np-faults", "ws/stamps/faults/train.json").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_store_that_never_answers_fails_the_pull_with_NP6756_and_the_notifier_reports_it()
    {
        gcs.HangNext = 1000;

        var run = await RunAsync(gcs.Endpoint, "00:00:03");

        ShouldFailCleanly(run, "store:pull", "NP6756");
        Outcomes(run)["train"].ShouldBe("skipped");
        gcs.ReleaseHung();
    }

    [Fact]
    public async Task An_unreachable_store_fails_the_pull_with_NP6756_and_the_notifier_reports_it()
    {
        var run = await RunAsync($"http://127.0.0.1:{ClosedPort()}", "00:00:02");

        ShouldFailCleanly(run, "store:pull", "NP6756");
        Stage(run, "store:pull").GetProperty("message").GetString()!.ShouldContain("could not be read before the run, so no stage ran");
        File.Exists(files.Artifact("faults", "train", "copy.txt")).ShouldBeFalse();
    }

    [Fact]
    public async Task Access_denied_fails_at_once_with_NP6755_and_the_notifier_reports_it()
    {
        gcs.DenyNext = 1000;

        var run = await RunAsync(gcs.Endpoint, "00:01:00");

        ShouldFailCleanly(run, "store:pull", "NP6755");
        Stage(run, "store:pull").GetProperty("message").GetString()!.ShouldContain("Cannot use gs://np-faults/ws: access denied to list 'artifacts/faults/' (403: numerai-job@project.iam.gserviceaccount.com does not have storage.objects.list access");
        Stage(run, "store:pull").GetProperty("duration_seconds").GetDouble().ShouldBeLessThan(30, "a 403 is not retried for the budget");
    }

    [Fact]
    public async Task A_store_killed_mid_run_at_a_push_fails_that_stage_with_NP6756_and_the_notifier_reports_it()
    {
        // The store dies when the first stage's stamp goes up (its outputs are already there).
        gcs.KillWhen = line => line.StartsWith("POST /upload/", StringComparison.Ordinal) && gcs.Count("np-faults") >= 1;

        var run = await RunAsync(gcs.Endpoint, "00:00:02");

        ShouldFailCleanly(run, "prepare", "NP6756");
        gcs.Killed.ShouldBeTrue();
        Stage(run, "prepare").GetProperty("message").GetString()!.ShouldStartWith("its outputs are complete in the workspace but could not be stored: The store gs://np-faults/ws could not upload 'stamps/faults/prepare.json'");
        Outcomes(run)["train"].ShouldBe("skipped");
    }

    private void ShouldFailCleanly(CliProcessResult run, string failed, string code)
    {
        run.ExitCode.ShouldBe(3, run.Error);
        run.Error.ShouldNotContain("   at ");
        run.Error.ShouldNotContain("Unhandled exception");
        Stage(run, failed).GetProperty("outcome").GetString().ShouldBe("failed");
        Stage(run, failed).GetProperty("code").GetString().ShouldBe(code);
        Outcomes(run)["notify"].ShouldBe("succeeded");
        var seen = JsonDocument.Parse(File.ReadAllText(Report)).RootElement;
        seen.GetProperty("any_failed").GetBoolean().ShouldBeTrue();
        seen.GetProperty("stages").EnumerateArray().ShouldContain(s => s.GetProperty("id").GetString() == failed && s.GetProperty("code").GetString() == code);
    }

    private Task<CliProcessResult> RunAsync(string emulator, string budget) =>
        CliProcess.RunAsync(
            ["run", Pipeline, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace, "--store", "gs://np-faults/ws", "--store-budget", budget, "--json"],
            new Dictionary<string, string?> { ["STORAGE_EMULATOR_HOST"] = emulator },
            files.Root);

    private static Dictionary<string, string> Outcomes(CliProcessResult run) =>
        JsonDocument.Parse(run.Output).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("outcome").GetString()!);

    private static JsonElement Stage(CliProcessResult run, string id) =>
        JsonDocument.Parse(run.Output).RootElement.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
