using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Incremental;
using NumeraiPipeline.Orchestrator.Planning;
using NumeraiPipeline.Orchestrator.Telemetry;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>
/// Runs a plan: a ready-set scheduler up to MaxParallel stages at once; a failed (or declined) stage skips its
/// dependants with the cause, <c>when: always</c> stages still run; up-to-date stages are skipped with their stamp's
/// outputs; stamps are written only after a stage's outputs are complete; cancellation stops cleanly.
/// </summary>
internal sealed partial class PipelineExecutor(ExecutionPlan plan, RunOptions options)
{
    private readonly ConcurrentDictionary<string, StageRecord> records = new(StringComparer.Ordinal);
    private readonly List<StageRecord> finished = [];
    private readonly List<IAsyncDisposable> resources = [];
    private readonly ILogger logger = options.LoggerFactory.CreateLogger("NumeraiPipeline.Orchestrator");
    private string runId = "";
    private DateTimeOffset startedAt;
    private FileHashCache hashes = new(null);
    private StampStore stamps = null!;
    private ShardCoordinator? shardCoordinator;

    public static string NewRunId(TimeProvider time) =>
        $"{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..6]}";

    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        var pipeline = plan.Pipeline.Name;
        using var workspaceLock = WorkspaceLock.Acquire(options.Workspace, pipeline);
        runId = NewRunId(options.Time);
        startedAt = options.Time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        hashes = new FileHashCache(Path.Combine(options.Workspace, "cache", "file-hashes.json"));
        stamps = new StampStore(options.Workspace, pipeline);
        using var runSpan = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.PipelineRunSpan);
        runSpan?.SetTag(PipelineTelemetry.PipelineName, pipeline);
        runSpan?.SetTag(PipelineTelemetry.RunId, runId);
        Log.RunStarted(logger, pipeline, runId, plan.Stages.Count);
        await PullFromStoreAsync(cancellationToken).ConfigureAwait(false);
        if (plan.Shard is not null && options.ShardRun is { } shardRun && Store.Remote is not null)
        {
            shardCoordinator = new ShardCoordinator(Store, pipeline, shardRun, options.Time, logger);
        }

        var pending = plan.Stages.ToList();
        var running = new Dictionary<string, Task>(StringComparer.Ordinal);
        using var throttle = new SemaphoreSlim(Math.Max(1, options.MaxParallel));
        try
        {
            while (pending.Count > 0 || running.Count > 0)
            {
                foreach (var stage in pending.Where(s => s.Dependencies.All(records.ContainsKey)).ToList())
                {
                    pending.Remove(stage);
                    running[stage.Id] = Task.Run(() => ExecuteStageAsync(stage, throttle, cancellationToken), CancellationToken.None);
                }

                if (running.Count == 0)
                {
                    break;
                }

                var done = await Task.WhenAny(running.Values).ConfigureAwait(false);
                foreach (var id in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
                {
                    await running[id].ConfigureAwait(false);
                    running.Remove(id);
                }

                _ = done;
            }
        }
        finally
        {
            for (var i = resources.Count - 1; i >= 0; i--)
            {
                try
                {
                    await resources[i].DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Log.ResourceDisposeFailed(logger, options.Secrets.Redact(ex.Message));
                }
            }

            try
            {
                hashes.Save();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Only a cache: the next run rehashes.
                Log.ResourceDisposeFailed(logger, options.Secrets.Redact(ex.Message));
            }
        }

        var cancelled = cancellationToken.IsCancellationRequested || finished.Any(r => r.Outcome == StageOutcome.Cancelled);
        var result = new RunResult(pipeline, runId, finished.ToList(), stopwatch.Elapsed, cancelled) { Shard = plan.Shard };
        runSpan?.SetTag(PipelineTelemetry.PipelineOutcome, result.Outcome);
        if (result.ExitCode != 0)
        {
            runSpan?.SetStatus(ActivityStatusCode.Error, result.Outcome);
        }

        Log.RunFinished(logger, pipeline, result.Outcome, stopwatch.Elapsed.TotalSeconds);
        return result;
    }

    private RunSnapshot Snapshot()
    {
        lock (finished)
        {
            return new RunSnapshot(plan.Pipeline.Name, runId, startedAt, finished.Select(r => r.ToSnapshot()).ToList());
        }
    }

    private void Finish(StageRecord record)
    {
        lock (finished)
        {
            finished.Add(record);
        }

        records[record.StageId] = record;
        PipelineTelemetry.StageRuns.Add(1, new KeyValuePair<string, object?>(PipelineTelemetry.StageOutcome, PipelineTelemetry.OutcomeName(record.Outcome)), new KeyValuePair<string, object?>(PipelineTelemetry.StageType, record.StageType));
        PipelineTelemetry.StageDuration.Record(record.Duration.TotalSeconds, new KeyValuePair<string, object?>(PipelineTelemetry.StageType, record.StageType));
        options.OnStageFinished?.Invoke(record);
    }

    private async Task ExecuteStageAsync(PlannedStage stage, SemaphoreSlim throttle, CancellationToken cancellationToken)
    {
        if (plan.Shard is { } shard && !shard.Runs(stage.Id))
        {
            // Another task's instance, or a fan-in left to the gather: nothing of this task depends on it.
            Finish(new StageRecord(stage.Id, stage.Descriptor.Id, StageOutcome.Skipped, TimeSpan.Zero, shard.Stages[stage.Id].Reason, null, new Dictionary<string, string>(), new Dictionary<string, string>(), []));
            return;
        }

        var skip = SkipCause(stage, cancellationToken);
        if (skip is not null)
        {
            Finish(skip);
            return;
        }

        await throttle.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            using var span = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.StageSpanPrefix + stage.Id);
            span?.SetTag(PipelineTelemetry.PipelineName, plan.Pipeline.Name);
            span?.SetTag(PipelineTelemetry.StageId, stage.Id);
            span?.SetTag(PipelineTelemetry.StageType, stage.Descriptor.Id);
            span?.SetTag(PipelineTelemetry.StagePlugin, stage.Descriptor.Plugin.Name);
            span?.SetTag(PipelineTelemetry.StagePluginVersion, stage.Descriptor.Plugin.Version);
            var state = Store.TrackState(stage.Descriptor.Id);
            StageRecord record;
            try
            {
                record = await RunStageAsync(stage, span, state, cancellationToken).ConfigureAwait(false);
                record = await PushStateAsync(record, state, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The stage's own exceptions are handled inside; this is the host's bookkeeping around it failing
                // (a stamp that cannot be written, a store push that gave up). The run goes on: notifiers still run.
                record = BookkeepingFailure(stage, ex);
            }
            catch (OperationCanceledException)
            {
                record = new StageRecord(stage.Id, stage.Descriptor.Id, StageOutcome.Cancelled, TimeSpan.Zero, DiagnosticCodes.Cancelled.Format(), DiagnosticCodes.Cancelled.Code, new Dictionary<string, string>(), new Dictionary<string, string>(), []);
            }

            span?.SetTag(PipelineTelemetry.StageOutcome, PipelineTelemetry.OutcomeName(record.Outcome));
            var reason = record.Message ?? (record.Reasons.Count > 0 ? string.Join("; ", record.Reasons) : null);
            if (reason is not null)
            {
                span?.SetTag(PipelineTelemetry.StageReason, options.Secrets.Redact(reason));
            }

            if (record.Outcome == StageOutcome.Failed)
            {
                span?.SetStatus(ActivityStatusCode.Error, options.Secrets.Redact(record.Message ?? "failed"));
                span?.SetTag(PipelineTelemetry.ErrorCode, record.Code);
            }

            Finish(record);
        }
        finally
        {
            throttle.Release();
        }
    }

    private StageRecord BookkeepingFailure(PlannedStage stage, Exception ex)
    {
        Log.StageThrew(logger, ex, stage.Id);
        var (code, message, exit) = ex switch
        {
            StageException se => (se.Code, se.Message, se.ExitCode),
            NumeraiPipeline.Storage.StorageException se => (se.Code, $"the remote store failed: {se.Message}", ExitCodes.Environment),
            IOException or UnauthorizedAccessException => (DiagnosticCodes.WorkspaceUnwritable.Code, DiagnosticCodes.WorkspaceUnwritable.Create("", options.Workspace, ex.Message.TrimEnd('.')).Message, ExitCodes.Environment),
            _ => (DiagnosticCodes.InternalError.Code, DiagnosticCodes.InternalError.Create("", ex.GetType().Name, ex.Message.TrimEnd('.')).Message, ExitCodes.StageFailed),
        };
        message = options.Secrets.Redact(message);
        Log.StageError(logger, $"stage '{stage.Id}': error {code}: {message}");
        return new StageRecord(stage.Id, stage.Descriptor.Id, StageOutcome.Failed, TimeSpan.Zero, message, code, new Dictionary<string, string>(), new Dictionary<string, string>(), [])
        {
            ExitCode = ExitCodes.ForFailure(code, exit),
        };
    }

    private StageRecord? SkipCause(PlannedStage stage, CancellationToken cancellationToken)
    {
        StageRecord Skipped(StageOutcome outcome, string message, string? code = null) =>
            new(stage.Id, stage.Descriptor.Id, outcome, TimeSpan.Zero, message, code, new Dictionary<string, string>(), new Dictionary<string, string>(), []);

        if (cancellationToken.IsCancellationRequested)
        {
            return Skipped(StageOutcome.Cancelled, DiagnosticCodes.Cancelled.Format(), DiagnosticCodes.Cancelled.Code);
        }

        if (StoreSkip(stage) is { } storeSkip)
        {
            return storeSkip;
        }

        var blocked = stage.Dependencies.Select(d => records[d]).FirstOrDefault(r => r.Outcome is not (StageOutcome.Succeeded or StageOutcome.UpToDate));
        switch (stage.When.Kind)
        {
            case Definition.WhenKind.Always:
                return null;
            case Definition.WhenKind.Failure:
                bool anyFailed;
                lock (finished)
                {
                    anyFailed = finished.Any(r => r.Outcome == StageOutcome.Failed);
                }

                return anyFailed ? null : Skipped(StageOutcome.Skipped, "when: failure, and no stage failed");
        }

        if (blocked is not null)
        {
            var cause = blocked.Outcome switch
            {
                StageOutcome.Failed => $"'{blocked.StageId}' failed",
                StageOutcome.Declined => $"'{blocked.StageId}' declined: {blocked.Message}",
                StageOutcome.Cancelled => $"'{blocked.StageId}' was cancelled",
                _ => null,
            };
            if (cause is null)
            {
                // A skipped dependency already names the root cause: pass it on rather than nesting it.
                return Skipped(StageOutcome.Skipped, blocked.Message ?? DiagnosticCodes.DependencyFailed.Format($"'{blocked.StageId}' was skipped"), DiagnosticCodes.DependencyFailed.Code);
            }

            return Skipped(blocked.Outcome == StageOutcome.Cancelled ? StageOutcome.Cancelled : StageOutcome.Skipped, DiagnosticCodes.DependencyFailed.Format(cause), DiagnosticCodes.DependencyFailed.Code);
        }

        if (stage.When.Kind == Definition.WhenKind.Comparison)
        {
            var diagnostics = new List<Diagnostic>();
            var resolver = new ValueResolver(plan.Pipeline, options.Secrets, StageOutput, plan.Environment);
            var holds = stage.When.Evaluate(text => resolver.Interpolate(text, stage.Definition.WhenLocation, diagnostics));
            if (!holds)
            {
                return Skipped(StageOutcome.Skipped, $"when: {stage.Definition.When} is false");
            }
        }

        return null;
    }

    private string? StageOutput(string stageId, string output) =>
        secretOutputs.TryGetValue((stageId, output), out var secret) ? secret
        : records.TryGetValue(stageId, out var r) && r.Outputs.TryGetValue(output, out var v) ? v : null;


    private static MethodInfo ContractMethod(Type openInterface, Type optionsType, string name) =>
        openInterface.MakeGenericType(optionsType).GetMethod(name)!;

    private static Exception Unwrap(Exception ex) => ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Running pipeline '{Pipeline}' (run {RunId}, {Count} stages)")]
        public static partial void RunStarted(ILogger logger, string pipeline, string runId, int count);

        [LoggerMessage(2, LogLevel.Information, "Pipeline '{Pipeline}' {Outcome} in {Seconds:0.0} s")]
        public static partial void RunFinished(ILogger logger, string pipeline, string outcome, double seconds);

        [LoggerMessage(3, LogLevel.Warning, "A run resource failed to close: {Message}")]
        public static partial void ResourceDisposeFailed(ILogger logger, string message);

        [LoggerMessage(4, LogLevel.Information, "Stage '{Stage}' is up to date: same fingerprint {Fingerprint} (type, plugin, options, inputs) and its outputs are unchanged")]
        public static partial void UpToDate(ILogger logger, string stage, string fingerprint);

        [LoggerMessage(5, LogLevel.Information, "Stage '{Stage}' ({Type}) runs: {Reasons}")]
        public static partial void WillRun(ILogger logger, string stage, string type, string reasons);

        [LoggerMessage(6, LogLevel.Error, "{Message}")]
        public static partial void StageError(ILogger logger, string message);

        [LoggerMessage(7, LogLevel.Debug, "Stage '{Stage}' threw")]
        public static partial void StageThrew(ILogger logger, Exception exception, string stage);

        [LoggerMessage(8, LogLevel.Warning, "Stage '{Stage}': could not read its external version ({Message}); it will run")]
        public static partial void ExternalVersionFailed(ILogger logger, string stage, string message);

        [LoggerMessage(9, LogLevel.Warning, "Stage '{Stage}' ran, but its outputs could not be stored (it is never cached, so this does not fail it): {Message}")]
        public static partial void StoreBestEffort(ILogger logger, string stage, string message);
    }
}
