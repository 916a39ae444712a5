using NumeraiPipeline.GcsStandIn;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>numerai-daily whose GCS store dies mid-run: exit code 3, no stack trace, the notifier reports the cause, nothing is uploaded twice.</summary>
public sealed class DailyStoreFaultTests : IAsyncLifetime
{
    private DailyRuns runs = null!;
    private FakeGcsServer gcs = null!;

    public async Task InitializeAsync()
    {
        runs = await DailyRuns.StartAsync("fault");
        gcs = await FakeGcsServer.StartAsync("np-e2e");
    }

    public async Task DisposeAsync()
    {
        await gcs.DisposeAsync();
        await runs.DisposeAsync();
    }

    [Fact]
    public async Task A_store_killed_after_the_download_fails_training_at_its_push_and_the_notifier_still_reports()
    {
        // Dies at the first upload once the download stage is stored: the training's outputs.
        gcs.KillWhen = line => line.StartsWith("POST /upload/", StringComparison.Ordinal) && gcs.GenerationOf("np-e2e", "kill/stamps/numerai-daily/download.json") != 0;

        var run = await runs.RunAsync("ws", "gs://np-e2e/kill", new Dictionary<string, string?> { ["STORAGE_EMULATOR_HOST"] = gcs.Endpoint }, "--store-budget", "00:00:03");

        run.ExitCode.ShouldBe(3, run.Error);
        gcs.Killed.ShouldBeTrue();
        run.Error.ShouldNotContain("   at ");
        run.Error.ShouldNotContain("Unhandled exception");
        DailyRuns.Outcome(run, "download").ShouldBe("succeeded");
        DailyRuns.Outcome(run, "train").ShouldBe("failed");
        DailyRuns.Stages(run)["train"].GetProperty("code").GetString().ShouldBe("NP6756");
        DailyRuns.Outcome(run, "submit").ShouldBe("skipped");
        DailyRuns.Outcome(run, "notify").ShouldBe("succeeded");
        // notify.console's report (on stderr under --json) names the cause.
        run.Error.ShouldContain("numerai-daily: FAILED");
        run.Error.ShouldContain("NP6756: its outputs are complete in the workspace but could not be stored: The store gs://np-e2e/kill could not ");
        runs.Uploads.ShouldBe(0);
    }
}
