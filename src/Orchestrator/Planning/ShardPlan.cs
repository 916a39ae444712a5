namespace NumeraiPipeline.Orchestrator.Planning;

/// <summary>A plan split for one task: every stage's <see cref="ShardStage"/>; the task runs the assigned and upstream ones.</summary>
internal sealed record ShardPlan(ShardSpec Spec, IReadOnlyDictionary<string, ShardStage> Stages)
{
    public bool Runs(string stageId) => Stages[stageId].Role != ShardRole.NotMine;

    public IEnumerable<string> With(ShardRole role) => Stages.Where(s => s.Value.Role == role).Select(s => s.Key);
}
