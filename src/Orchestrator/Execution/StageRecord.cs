using NumeraiPipeline.Orchestrator.Incremental;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>What happened to one stage in a run.</summary>
internal sealed record StageRecord(
    string StageId,
    string StageType,
    StageOutcome Outcome,
    TimeSpan Duration,
    string? Message,
    string? Code,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyDictionary<string, string> Summary,
    IReadOnlyList<StaleReason> Reasons)
{
    /// <summary>For a failed stage, the exit code its failure maps to: 1 (the stage or its data) or 3 (the environment).</summary>
    public int ExitCode { get; init; } = Diagnostics.ExitCodes.StageFailed;

    public StageSnapshot ToSnapshot() => new(StageId, StageType, Outcome, Duration, Message, Code, Outputs, Summary);
}
