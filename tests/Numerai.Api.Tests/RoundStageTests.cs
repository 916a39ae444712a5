using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.Plugins.Numerai.Download;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Api.Tests;

/// <summary>numerai.round against the sandbox's round calendar on a fake clock (daily rounds: 1 h on time, then 1 h late, then closed).</summary>
public sealed class RoundStageTests
{
    [Fact]
    public async Task An_open_round_with_time_left_succeeds_with_its_number_and_times()
    {
        await using var s = await SyntheticSandbox.StartAsync(state: null); // 30 min after round 1000 opened
        await using var context = s.Context("round");

        var result = await new RoundStage().RunAsync(context, new RoundOptions { ApiUrl = s.Url }, default);

        result.Status.ShouldBe(StageResultStatus.Succeeded);
        context.TestOutputs.Values["round"].ShouldBe("1000");
        context.TestOutputs.Values["state"].ShouldBe("open");
        context.TestOutputs.Values["seconds_left"].ShouldBe("1800");
        context.TestOutputs.Values["close_staking_time"].ShouldStartWith(SandboxHarness.Anchor.AddHours(1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Between_rounds_it_waits_on_the_run_clock_until_the_next_round_opens()
    {
        await using var s = await SyntheticSandbox.StartAsync(state: null);
        s.Time.Advance(TimeSpan.FromHours(23)); // round 1000 closed 2 h after opening; round 1001 opens in 30 min
        await using var context = s.Context("round");
        var stage = new RoundStage();
        var options = new RoundOptions { ApiUrl = s.Url, PollInterval = "10m", MaxWait = "2h" };
        var before = await stage.GetExternalVersionAsync(context, options, default);

        var run = stage.RunAsync(context, options, default);
        // The clock moves only while the stage waits on it: no sleeping, no race with the poll loop.
        var result = await s.Time.DriveAsync(run, TimeSpan.FromMinutes(10)); // one poll interval per wait
        result.Status.ShouldBe(StageResultStatus.Succeeded, result.Message);
        context.TestOutputs.Values["round"].ShouldBe("1001");
        context.ProgressReports.ShouldContain(p => p.Message == "waiting for the round to open");
        before.ShouldStartWith("no-round-");
        (await stage.GetExternalVersionAsync(context, options, default)).ShouldBe("round-1001");
    }

    [Fact]
    public async Task A_round_past_its_staking_close_is_declined_as_missed_unless_late_is_allowed()
    {
        await using var s = await SyntheticSandbox.StartAsync(state: null);
        s.Time.Advance(TimeSpan.FromMinutes(60)); // 90 min after opening: late window
        await using var context = s.Context("round");

        var missed = await new RoundStage().RunAsync(context, new RoundOptions { ApiUrl = s.Url }, default);
        var late = await new RoundStage().RunAsync(context, new RoundOptions { ApiUrl = s.Url, AllowLate = true }, default);

        missed.Status.ShouldBe(StageResultStatus.Declined);
        missed.Code.ShouldBe("NP6011");
        missed.Message!.ShouldMatch(@"^round 1000 closed for on-time submissions at \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: the round is missed; set allow_late: true to submit late$");
        late.Status.ShouldBe(StageResultStatus.Succeeded);
        context.TestOutputs.Values["state"].ShouldBe("late");
    }

    [Fact]
    public async Task Too_little_time_left_counts_as_missed()
    {
        await using var s = await SyntheticSandbox.StartAsync(state: null);
        s.Time.Advance(TimeSpan.FromMinutes(27)); // 3 min before the staking close
        await using var context = s.Context("round");

        var result = await new RoundStage().RunAsync(context, new RoundOptions { ApiUrl = s.Url, MinTimeLeft = "5m" }, default);

        result.Status.ShouldBe(StageResultStatus.Declined);
        result.Message!.ShouldContain("less than min_time_left 5 min");
    }

    [Fact]
    public async Task When_no_round_opens_within_max_wait_it_declines_with_the_reason()
    {
        await using var s = await SyntheticSandbox.StartAsync(state: null);
        s.Time.Advance(TimeSpan.FromHours(4)); // round 1001 opens in 20.5 h
        await using var context = s.Context("round");

        var run = new RoundStage().RunAsync(context, new RoundOptions { ApiUrl = s.Url, PollInterval = "15m", MaxWait = "1h" }, default);
        // The clock moves only while the stage waits on it: no sleeping, no race with the poll loop.
        var result = await s.Time.DriveAsync(run, TimeSpan.FromMinutes(15)); // one poll interval per wait
        result.Status.ShouldBe(StageResultStatus.Declined);
        result.Code.ShouldBe("NP6010");
        result.Message!.ShouldMatch(@"^no Numerai round opened within max_wait 01:00:00 \(\d+ checks since \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\); the round is missed for this run\. Run at the round's open time, or let the stage wait longer \(wait_for_open: true, a larger max_wait\)\.$");

        var noWait = await new RoundStage().RunAsync(context, new RoundOptions { ApiUrl = s.Url, WaitForOpen = false }, default);
        noWait.Code.ShouldBe("NP6010");
        noWait.Message.ShouldBe("no Numerai round is open (wait_for_open is false); the round is missed for this run. Run at the round's open time, or let the stage wait longer (wait_for_open: true, a larger max_wait).");
    }

    [Fact]
    public async Task A_bad_duration_is_NP6012()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("round");

        var ex = await Should.ThrowAsync<StageException>(() => new RoundStage().RunAsync(context, new RoundOptions { ApiUrl = s.Url, MaxWait = "soon" }, default));

        ex.Code.ShouldBe("NP6012");
        ex.Message.ShouldBe("option 'max_wait': 'soon' is not a duration; write it as 90m, 2h, 45s, a number of seconds or hh:mm:ss");
    }
}
