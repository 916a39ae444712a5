using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>The outcome of a run: every stage's record, in the order they finished, and the exit code.</summary>
internal sealed record RunResult(string PipelineName, string RunId, IReadOnlyList<StageRecord> Stages, TimeSpan Duration, bool Cancelled)
{
    public int ExitCode => Cancelled ? ExitCodes.Cancelled
        : Stages.Any(s => s.Outcome == StageOutcome.Failed && IsEnvironment(s.Code)) ? ExitCodes.Environment
        : Stages.Any(s => s.Outcome == StageOutcome.Failed) ? ExitCodes.StageFailed
        : ExitCodes.Success;

    /// <summary>Store failures (NP67xx), plugins and the workspace (NP3xxx, NP4xxx) are the environment's fault: exit code 3.</summary>
    private static bool IsEnvironment(string? code) =>
        code is not null && (code.StartsWith("NP67", StringComparison.Ordinal) || ExitCodes.ForCode(code) == ExitCodes.Environment);

    public string Outcome => Cancelled ? "cancelled" : ExitCode == 0 ? "succeeded" : "failed";
}
