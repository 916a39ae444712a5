using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>The outcome of a run: every stage's record, in the order they finished, and the exit code.</summary>
internal sealed record RunResult(string PipelineName, string RunId, IReadOnlyList<StageRecord> Stages, TimeSpan Duration, bool Cancelled)
{
    /// <summary>130 cancelled; 3 when a failure came from the environment (credentials, workspace, store); 1 another failure; else 0.</summary>
    public int ExitCode => Cancelled
        ? ExitCodes.Cancelled
        : Stages.Where(s => s.Outcome == StageOutcome.Failed).Select(s => s.ExitCode).DefaultIfEmpty(ExitCodes.Success).Max();

    public string Outcome => Cancelled ? "cancelled" : ExitCode == 0 ? "succeeded" : "failed";

    /// <summary>The task's split when this was a task of a sharded run, else null.</summary>
    public Planning.ShardPlan? Shard { get; init; }
}
