using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Planning;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.Storage;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>
/// The run's store, and what happens when it fails: a store that cannot be read before the run is a failed record
/// <see cref="StorePullStageId"/> (its NP67xx code and cause), every stage is skipped because of it except the
/// <c>when: always</c> / <c>when: failure</c> ones (the notifiers), so nothing is silently redone from scratch; a stage
/// whose outputs or state cannot be stored fails with the store's code (its local stamp removed, so the next run here
/// redoes and stores it); a never-cached stage (a notifier) is pushed on a best-effort basis only. Secret outputs are
/// kept here, out of records, stamps and plans.
/// </summary>
internal sealed partial class PipelineExecutor
{
    /// <summary>The id of the record of a failed pull (not a valid stage id, so it never collides with one).</summary>
    public const string StorePullStageId = "store:pull";

    private readonly ConcurrentDictionary<(string Stage, string Output), string> secretOutputs = new();
    private RunStore? runStore;
    private StageRecord? storeFailure;

    private RunStore Store => runStore ??= options.Store ?? new RunStore(options.Workspace, null, options.Time, logger);

    private async Task PullFromStoreAsync(CancellationToken cancellationToken)
    {
        if (Store.Remote is null)
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        try
        {
            // A task of a sharded run pulls only the stages it runs: not the other tasks' models.
            var runs = plan.Shard is { } shard ? plan.Stages.Where(s => shard.Runs(s.Id)).ToList() : plan.Stages;
            await Store.PullAsync(plan.Pipeline.Name, runs.Select(s => s.Descriptor.Id), cancellationToken, plan.Shard is null ? null : runs.Select(s => s.Id).ToList()).ConfigureAwait(false);
        }
        catch (StorageException ex)
        {
            var message = options.Secrets.Redact($"the store {Store.Remote.Location} could not be read before the run, so no stage ran (none is redone from scratch without it): {ex.Message}");
            Log.StageError(logger, $"{StorePullStageId}: error {ex.Code}: {message}");
            storeFailure = new StageRecord(StorePullStageId, "store", StageOutcome.Failed, stopwatch.Elapsed, message, ex.Code, new Dictionary<string, string>(), new Dictionary<string, string>(), [])
            {
                ExitCode = ExitCodes.Environment,
            };
            Finish(storeFailure);
        }
    }

    /// <summary>Skips a stage when the store could not be read, unless it reports on the run (when: always / failure).</summary>
    private StageRecord? StoreSkip(PlannedStage stage) =>
        storeFailure is null || stage.When.Kind is Definition.WhenKind.Always or Definition.WhenKind.Failure
            ? null
            : new StageRecord(stage.Id, stage.Descriptor.Id, StageOutcome.Skipped, TimeSpan.Zero, DiagnosticCodes.DependencyFailed.Format($"'{StorePullStageId}' failed"), DiagnosticCodes.DependencyFailed.Code, new Dictionary<string, string>(), new Dictionary<string, string>(), []);

    /// <summary>
    /// After a succeeded stage: its changed state, then its outputs and stamp. Null when stored (or nothing to store),
    /// else the failure to report for the stage.
    /// </summary>
    private async Task<(string Code, string Message)?> CommitAsync(PlannedStage stage, HostStageOutputs outputs, StateTracker state, bool neverCached, CancellationToken cancellationToken)
    {
        try
        {
            await state.PushChangesAsync(cancellationToken).ConfigureAwait(false);
            if (options.OnStageCommitted is not null)
            {
                var paths = outputs.Files.Values.Select(p => Path.GetRelativePath(options.Workspace, p)).Append(Path.GetRelativePath(options.Workspace, stamps.PathOf(stage.Id))).ToList();
                await options.OnStageCommitted(paths, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (StorageException ex)
        {
            if (neverCached)
            {
                // A notifier did its job; failing it because its mirror copy is missing would hide its report.
                Log.StoreBestEffort(logger, stage.Id, options.Secrets.Redact(ex.Message));
                return null;
            }

            stamps.Delete(stage.Id);
            return (ex.Code, $"its outputs are complete in the workspace but could not be stored: {ex.Message}");
        }
    }

    /// <summary>After a stage that did not succeed: pushes the state it changed anyway (a declined stage whose state cannot be stored fails).</summary>
    private async Task<StageRecord> PushStateAsync(StageRecord record, StateTracker state, CancellationToken cancellationToken)
    {
        if (record.Outcome is not (StageOutcome.Declined or StageOutcome.Failed))
        {
            return record;
        }

        try
        {
            await state.PushChangesAsync(cancellationToken).ConfigureAwait(false);
            return record;
        }
        catch (StorageException ex)
        {
            var message = options.Secrets.Redact($"its state could not be saved to the store: {ex.Message}");
            Log.StageError(logger, $"stage '{record.StageId}': error {ex.Code}: {message}");
            return record.Outcome == StageOutcome.Declined ? record with { Outcome = StageOutcome.Failed, Code = ex.Code, Message = message, ExitCode = ExitCodes.Environment } : record;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return record;
        }
    }

    private bool IsSecretOutput(PlannedStage stage, string output) => stage.Descriptor.Output(output)?.Secret == true;

    /// <summary>Keeps a secret output's value for the stages that use it and gives what records show instead.</summary>
    private string HideSecret(string stageId, string output, string value)
    {
        options.Secrets.Register(value);
        secretOutputs[(stageId, output)] = value;
        return "***";
    }
}
