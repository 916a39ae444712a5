using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>The outcome of a run: every stage's record, in the order they finished, and the exit code.</summary>
internal sealed record RunResult(string PipelineName, string RunId, IReadOnlyList<StageRecord> Stages, TimeSpan Duration, bool Cancelled)
{
    public int ExitCode => Cancelled ? ExitCodes.Cancelled : Stages.Any(s => s.Outcome == StageOutcome.Failed) ? ExitCodes.StageFailed : ExitCodes.Success;

    public string Outcome => Cancelled ? "cancelled" : ExitCode == 0 ? "succeeded" : "failed";
}
