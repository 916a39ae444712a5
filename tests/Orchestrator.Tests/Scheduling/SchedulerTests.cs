using NumeraiPipeline.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NumeraiPipeline.Orchestrator.Cli;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Scheduling;

namespace NumeraiPipeline.Orchestrator.Tests.Scheduling;

/// <summary>The cron scheduler on a fake clock.</summary>
public sealed class SchedulerTests
{
    [Fact]
    public async Task Runs_on_each_cron_occurrence_in_its_time_zone_and_skips_a_tick_while_the_previous_run_is_going()
    {
        var time = new SignallingTimeProvider(new DateTimeOffset(2026, 11, 24, 11, 59, 0, TimeSpan.Zero)); // a Tuesday
        var jobs = CommandFactory.ParseJobs(["daily"], ["0 12 * * 2-6", "30 12 * * 2-6"], "UTC");
        var starts = new List<DateTimeOffset>();
        TaskCompletionSource[] started = [new(), new()];
        var firstEnded = new TaskCompletionSource();
        var gate = new TaskCompletionSource<int>();
        var scheduler = new Scheduler(jobs, (pipeline, ct) =>
        {
            starts.Add(time.GetUtcNow());
            started[starts.Count - 1].TrySetResult();
            return starts.Count == 1 ? gate.Task : Task.FromResult(0);
        }, time, NullLogger.Instance);
        scheduler.RunEnded += (_, _) => firstEnded.TrySetResult();
        using var cts = new CancellationTokenSource();

        var loop = scheduler.RunAsync(maxRuns: 2, cts.Token);
        await Advance(time, TimeSpan.FromMinutes(1));     // 12:00: first run starts and keeps going
        await started[0].Task.WaitAsync(TimeSpan.FromMinutes(2));
        await Advance(time, TimeSpan.FromMinutes(30));    // 12:30: still running, the tick is skipped
        gate.SetResult(0);
        await firstEnded.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await Advance(time, TimeSpan.FromMinutes(23 * 60 + 30)); // Wednesday 12:00: second run
        await loop.WaitAsync(TimeSpan.FromMinutes(2));

        starts.ShouldBe([new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)]);
        scheduler.SkippedTicks.ShouldBe(1);
    }

    [Fact]
    public async Task A_failed_run_is_retried_until_it_succeeds_or_its_window_is_over()
    {
        var time = new SignallingTimeProvider(new DateTimeOffset(2026, 11, 24, 11, 59, 0, TimeSpan.Zero));
        var jobs = CommandFactory.ParseJobs(["daily"], ["0 12 * * 2-6"], "UTC");
        var attempts = new List<DateTimeOffset>();
        var scheduler = new Scheduler(jobs, (pipeline, ct) =>
        {
            attempts.Add(time.GetUtcNow());
            return Task.FromResult(attempts.Count < 3 ? 1 : 0); // fails twice (e.g. the upload), then succeeds
        }, time, NullLogger.Instance, new RetryPolicy(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(55)));

        var loop = scheduler.RunAsync(maxRuns: 1, CancellationToken.None);
        await Advance(time, TimeSpan.FromMinutes(1));
        await Advance(time, TimeSpan.FromMinutes(10));
        await Advance(time, TimeSpan.FromMinutes(10));
        await loop.WaitAsync(TimeSpan.FromMinutes(2));

        attempts.Select(a => a.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(["12:00", "12:10", "12:20"]);
        scheduler.Retries.ShouldBe(2);

        var always = 0;
        var clock = new SignallingTimeProvider(new DateTimeOffset(2026, 11, 24, 11, 59, 0, TimeSpan.Zero));
        var failing = new Scheduler(jobs, (_, _) => Task.FromResult(++always > 0 ? 1 : 0), clock, NullLogger.Instance, new RetryPolicy(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(55)));
        var failingLoop = failing.RunAsync(maxRuns: 1, CancellationToken.None);
        await Advance(clock, TimeSpan.FromMinutes(1));
        await Advance(clock, TimeSpan.FromMinutes(20));
        await Advance(clock, TimeSpan.FromMinutes(20));

        await failingLoop.WaitAsync(TimeSpan.FromMinutes(2));
        always.ShouldBe(3, "12:00, 12:20 and 12:40; 13:00 is past the 55-minute window");
    }

    [Fact]
    public void Time_zones_shift_the_occurrences()
    {
        var job = CommandFactory.ParseJobs(["daily"], ["0 12 * * *"], "America/New_York").Single();

        job.Next(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero)).ShouldBe(new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_bad_cron_expression_or_time_zone_is_NP2005()
    {
        Should.Throw<PipelineException>(() => CommandFactory.ParseJobs(["d"], ["61 * * * *"], "UTC")).Diagnostics[0].Render()
            .ShouldStartWith("numerai-pipeline: error NP2005: --cron '61 * * * *' is not a valid cron expression");
        Should.Throw<PipelineException>(() => CommandFactory.ParseJobs(["d"], ["0 12 * * *"], "Mars/Olympus")).Diagnostics[0].Render()
            .ShouldBe("numerai-pipeline: error NP2005: --time-zone 'Mars/Olympus' is not a known time zone. Use an IANA name such as 'UTC' or 'Europe/London'.");
    }

    /// <summary>Moves the clock as soon as the scheduler waits on it: no sleeping, no racing.</summary>
    private static Task Advance(SignallingTimeProvider time, TimeSpan by) => time.AdvanceWhenWaitingAsync(by);
}
