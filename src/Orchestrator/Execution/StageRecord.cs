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
    public StageSnapshot ToSnapshot() => new(StageId, StageType, Outcome, Duration, Message, Code, Outputs, Summary);
}
