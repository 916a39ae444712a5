using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.Orchestrator.Scheduling;

/// <summary>
/// Runs pipelines on cron schedules with time zones, one run per pipeline at a time (a tick that finds the previous run
/// still going is skipped and logged). Time comes from a TimeProvider, so tests drive it with a fake clock. Stops when
/// cancelled (Ctrl+C, SIGTERM), letting runs in progress finish their cancellation.
/// </summary>
internal sealed class Scheduler(IReadOnlyList<ScheduledJob> jobs, Func<string, CancellationToken, Task<int>> run, TimeProvider time, ILogger logger)
{
    private readonly Dictionary<string, Task> running = new(StringComparer.Ordinal);

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
                if (running.TryGetValue(job.Pipeline, out var previous) && !previous.IsCompleted)
                {
                    SkippedTicks++;
                    logger.LogWarning("Pipeline {Pipeline} is still running from the previous tick; the tick at {Time:u} is skipped", job.Pipeline, at);
                    continue;
                }

                Started++;
                running[job.Pipeline] = RunOneAsync(job.Pipeline, cancellationToken);
                if (maxRuns is not null && Started >= maxRuns)
                {
                    break;
                }
            }
        }

        await Task.WhenAll(running.Values).ConfigureAwait(false);
    }

    private async Task RunOneAsync(string pipeline, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var code = await run(pipeline, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Scheduled run of {Pipeline} ended with exit code {Code}", pipeline, code);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError("Scheduled run of {Pipeline} failed: {Message}", pipeline, ex.Message);
        }
    }
}
