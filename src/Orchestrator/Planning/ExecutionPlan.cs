using NumeraiPipeline.Orchestrator.Definition;

namespace NumeraiPipeline.Orchestrator.Planning;

/// <summary>The validated graph of a pipeline, stages in a topological order (by level, then file order).</summary>
internal sealed record ExecutionPlan(PipelineDefinition Pipeline, IReadOnlyList<PlannedStage> Stages)
{
    /// <summary>The environment the plan was made with (${env.*}); the executor resolves with the same one.</summary>
    public Func<string, string?> Environment { get; init; } = _ => null;

    /// <summary>For <c>--shard I/N</c>: what this task runs (assigned, upstream) and leaves to others; null for an ordinary run.</summary>
    public ShardPlan? Shard { get; init; }

    public PlannedStage Stage(string id) => Stages.First(s => s.Id == id);

    public IEnumerable<IGrouping<int, PlannedStage>> Levels => Stages.GroupBy(s => s.Level).OrderBy(g => g.Key);

    /// <summary>The stages that depend on <paramref name="id"/>, directly or not.</summary>
    public IReadOnlySet<string> Downstream(string id)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([id]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var s in Stages.Where(s => s.Dependencies.Contains(current) && result.Add(s.Id)))
            {
                queue.Enqueue(s.Id);
            }
        }

        return result;
    }
}
