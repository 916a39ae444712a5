using NumeraiPipeline.Numerai.Sandbox;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>
/// numerai-daily's live gate against a sandbox whose 100 past rounds are already submitted and mostly resolved
/// (600 rows a live round, so a 20-round mean is within about ±0.01 of its expectation, whichever rounds the
/// calendar has resolved): demo_model's live history is steady around 0, demo_model_2's decays to about −0.05 live
/// CORR in its last 20 resolved rounds. (The other daily tests run a model with no live history, which the gate
/// lets through.)
/// </summary>
public sealed class DailyLiveGateTests : IAsyncLifetime
{
    private DailyRuns runs = null!;

    public async Task InitializeAsync() => runs = await DailyRuns.StartAsync("daily-live", history: 100, rows: 12000, eras: 20);

    public async Task DisposeAsync() => await runs.DisposeAsync();

    [Fact]
    public async Task A_decaying_model_is_not_submitted_and_the_notifier_says_why()
    {
        var run = await runs.RunAsync("ws-decaying", environment: new Dictionary<string, string?> { ["NUMERAI_MODEL"] = SandboxServer.DemoModel + "_2" });

        run.ExitCode.ShouldBe(0, run.Error);
        var stages = DailyRuns.Stages(run);
        stages["performance"].GetProperty("outcome").GetString().ShouldBe("succeeded");
        stages["gate"].GetProperty("outcome").GetString().ShouldBe("declined");
        stages["gate"].GetProperty("code").GetString().ShouldBe("NP6220");
        var reason = stages["gate"].GetProperty("message").GetString()!;
        reason.ShouldMatch(@"^quality gate failed 1 of 1 checks: live corr mean \(last 20 resolved rounds, \d+-\d+\) -0\.\d+ < min 0$");
        stages["submit"].GetProperty("outcome").GetString().ShouldBe("skipped");
        stages["submit"].GetProperty("message").GetString()!.ShouldStartWith("skipped because 'gate' declined: ");
        DailyRuns.Outcome(run, "notify").ShouldBe("succeeded");
        // notify.console's summary (on stderr under --json) carries the gate's code and reason.
        run.Error.ShouldContain("numerai-daily: declined");
        run.Error.ShouldContain("NP6220: " + reason);
        runs.Uploads.ShouldBe(0, "nothing is uploaded for a model the gate declined");
    }

    [Fact]
    public async Task A_model_above_the_live_threshold_passes_the_live_check_and_is_submitted()
    {
        // The steady model's mean is near 0 (a noisy edge of 0.01), so its threshold is set well below it.
        var run = await runs.RunAsync("ws-steady", extra: ["--set", "stages.gate.with.min_live_corr_mean=-0.04"]);

        run.ExitCode.ShouldBe(0, run.Error);
        var gate = DailyRuns.Stages(run)["gate"];
        gate.GetProperty("outcome").GetString().ShouldBe("succeeded", gate.GetProperty("message").ToString());
        gate.GetProperty("outputs").GetProperty("checks").GetString().ShouldBe("1", "the live check applied: the model has resolved rounds");
        gate.GetProperty("outputs").GetProperty("passed").GetString().ShouldBe("true");
        int.Parse(DailyRuns.Stages(run)["performance"].GetProperty("outputs").GetProperty("resolved_rounds").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(20);
        DailyRuns.Outcome(run, "submit").ShouldBe("succeeded");
        runs.Uploads.ShouldBe(1);
    }
}
