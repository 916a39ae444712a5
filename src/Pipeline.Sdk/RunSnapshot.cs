namespace NumeraiPipeline.Sdk;

/// <summary>The state of a run as a stage sees it: the stages that have finished so far.</summary>
/// <param name="PipelineName">The pipeline.</param>
/// <param name="RunId">The run id.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Stages">Finished stages in the order they finished.</param>
public sealed record RunSnapshot(string PipelineName, string RunId, DateTimeOffset StartedAt, IReadOnlyList<StageSnapshot> Stages)
{
    /// <summary>Whether any stage failed.</summary>
    public bool AnyFailed => Stages.Any(s => s.Outcome == StageOutcome.Failed);
}

/// <summary>One finished stage of a run.</summary>
/// <param name="StageId">The stage id.</param>
/// <param name="StageType">The stage type id.</param>
/// <param name="Outcome">The outcome.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Message">The reason (failures, declines, skips), if any.</param>
/// <param name="Code">The code of a failure or decline, if any.</param>
/// <param name="Outputs">Its outputs (file outputs as paths).</param>
/// <param name="Summary">Its summary key/values.</param>
public sealed record StageSnapshot(
    string StageId,
    string StageType,
    StageOutcome Outcome,
    TimeSpan Duration,
    string? Message,
    string? Code,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyDictionary<string, string> Summary);

/// <summary>The outcome of a stage in a run.</summary>
public enum StageOutcome
{
    /// <summary>Ran and succeeded.</summary>
    Succeeded,

    /// <summary>Up to date: not run, outputs reused.</summary>
    UpToDate,

    /// <summary>Ran and declined with a reason (not an error).</summary>
    Declined,

    /// <summary>Ran and failed.</summary>
    Failed,

    /// <summary>Not run: a dependency failed, or its <c>when</c> condition was false.</summary>
    Skipped,

    /// <summary>Not run: the run was cancelled.</summary>
    Cancelled,
}
