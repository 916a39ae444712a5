using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.Orchestrator.Scheduling;

/// <summary>
/// Runs pipelines on cron schedules with time zones, one run per pipeline at a time (a tick that finds the previous run
/// still going is skipped and logged). A run that fails (exit code 1) is retried every <see cref="RetryPolicy.Every"/>
/// while it is within <see cref="RetryPolicy.Window"/> of its tick: with incremental runs a retry redoes only what failed
/// (e.g. a submission), until the round's window is over. Time comes from a TimeProvider, so tests drive it with a fake
/// clock. Stops when cancelled (Ctrl+C, SIGTERM), letting runs in progress finish their cancellation.
/// </summary>
internal sealed class Scheduler(IReadOnlyList<ScheduledJob> jobs, Func<string, CancellationToken, Task<int>> run, TimeProvider time, ILogger logger, RetryPolicy? retry = null)
{
    private readonly RetryPolicy retryPolicy = retry ?? RetryPolicy.None;

    private readonly Dictionary<string, Task> running = new(StringComparer.Ordinal);

    private readonly HashSet<string> active = new(StringComparer.Ordinal);

    /// <summary>Raised when a pipeline's scheduled run (with its retries) is over, with its last exit code.</summary>
    public event Action<string, int>? RunEnded;

    public int Started { get; private set; }

    public int SkippedTicks { get; private set; }

    public async Task RunAsync(int? maxRuns, CancellationToken cancellationToken)
    {
        var cursor = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested && (maxRuns is null || Started < maxRuns))
        {
            var next = jobs.Select(j => (job: j, at: j.Next(cursor))).Where(x => x.at is not null).OrderBy(x => x.at).ToList();
            if (next.Count == 0)
            {
                logger.LogWarning("No schedule has a next occurrence; stopping");
                break;
            }

            var at = next[0].at!.Value;
            logger.LogInformation("Next run: {Pipeline} at {Time:u}", next[0].job.Pipeline, at);
            var wait = at - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            cursor = at;
            foreach (var (job, _) in next.Where(x => x.at == at))
            {
                bool busy;
                lock (active)
                {
                    busy = !active.Add(job.Pipeline);
                }

                if (busy)
                {
                    SkippedTicks++;
                    logger.LogWarning("Pipeline {Pipeline} is still running from the previous tick; the tick at {Time:u} is skipped", job.Pipeline, at);
                    continue;
                }

                Started++;
                running[job.Pipeline] = RunOneAsync(job.Pipeline, at, cancellationToken);
                if (maxRuns is not null && Started >= maxRuns)
                {
                    break;
                }
            }
        }

        await Task.WhenAll(running.Values).ConfigureAwait(false);
    }

    public int Retries { get; private set; }

    private async Task RunOneAsync(string pipeline, DateTimeOffset tick, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var last = 0;
        try
        {
            last = await RunWithRetriesAsync(pipeline, tick, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (active)
            {
                active.Remove(pipeline);
            }

            RunEnded?.Invoke(pipeline, last);
        }
    }

    private async Task<int> RunWithRetriesAsync(string pipeline, DateTimeOffset tick, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            int code;
            try
            {
                code = await run(pipeline, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Scheduled run of {Pipeline} (attempt {Attempt}) ended with exit code {Code}", pipeline, attempt, code);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogError("Scheduled run of {Pipeline} failed: {Message}", pipeline, ex.Message);
                code = 1;
            }

            var next = time.GetUtcNow() + retryPolicy.Every;
            if (code != 1 || retryPolicy.Every <= TimeSpan.Zero || next > tick + retryPolicy.Window || cancellationToken.IsCancellationRequested)
            {
                if (code == 1 && retryPolicy.Every > TimeSpan.Zero)
                {
                    logger.LogError("Scheduled run of {Pipeline} from {Tick:u} still failing after {Attempts} attempts; its retry window ({Window}) is over", pipeline, tick, attempt, retryPolicy.Window);
                }

                return code;
            }

            logger.LogWarning("Scheduled run of {Pipeline} failed; retrying at {Next:u} (attempt {Attempt}, window until {End:u})", pipeline, next, attempt + 1, tick + retryPolicy.Window);
            try
            {
                await Task.Delay(retryPolicy.Every, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return code;
            }

            Retries++;
        }
    }
}
