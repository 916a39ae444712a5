namespace NumeraiPipeline.Orchestrator.Planning;

/// <summary>
/// Splits a plan over the tasks of a sharded run (data in, data out, like the rest of the planner).
/// <list type="bullet">
/// <item>Sharded stages: matrix instances, and stages marked <c>shard: true</c> (<c>shard: false</c> keeps a matrix
/// stage out). These are the expensive independent units of work.</item>
/// <item>A sharded stage whose sharded ancestors are all owned by one task belongs to that task too (an instance's
/// chain, train[seed=1] then predict[seed=1], stays together). The others (the first of each chain) are dealt out
/// round-robin in plan order (by level, then by instance id, ordinal): deterministic, and balanced to within one.</item>
/// <item>A task runs what it owns plus everything those need upstream (the download, done once across tasks under a
/// lease). A stage downstream of any sharded stage that it does not own (the fan-in: ensemble, metrics, submit, the
/// notifiers) is left to the gather, a run without --shard.</item>
/// </list>
/// </summary>
internal static class ShardPlanner
{
    public static bool IsSharded(PlannedStage stage) => stage.Definition.Shard ?? stage.Definition.Instance is not null;

    public static ShardPlan Split(ExecutionPlan plan, ShardSpec spec)
    {
        var owner = Owners(plan, spec.Count);
        var mine = owner.Where(o => o.Value == spec.Index).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(mine);
        while (queue.Count > 0)
        {
            foreach (var dep in plan.Stage(queue.Dequeue()).Dependencies.Where(d => !mine.Contains(d) && needed.Add(d)))
            {
                queue.Enqueue(dep);
            }
        }

        var downstreamOfSharded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in owner.Keys)
        {
            downstreamOfSharded.UnionWith(plan.Downstream(id));
        }

        var stages = new Dictionary<string, ShardStage>(StringComparer.Ordinal);
        foreach (var stage in plan.Stages)
        {
            owner.TryGetValue(stage.Id, out var task);
            int? ownerTask = owner.ContainsKey(stage.Id) ? task : null;
            stages[stage.Id] = mine.Contains(stage.Id)
                ? new ShardStage(ShardRole.Assigned, ownerTask, $"sharded: task {spec} owns it")
                : needed.Contains(stage.Id)
                    ? new ShardStage(ShardRole.Upstream, ownerTask, ownerTask is { } o
                        ? $"needed by this task's instances; owned by task {o}/{spec.Count}: waited for in the store, or run under its lease"
                        : "needed by this task's instances: run once across the tasks under a store lease, the others wait for its stamp")
                    : new ShardStage(ShardRole.NotMine, ownerTask, ownerTask is { } other
                        ? $"not this task's: task {other}/{spec.Count} runs it"
                        : downstreamOfSharded.Contains(stage.Id)
                            ? "a fan-in of sharded instances: left to the gather (a run without --shard)"
                            : "not needed by this task's instances");
        }

        return new ShardPlan(spec, stages);
    }

    /// <summary>The owning task (1-based) of every sharded stage.</summary>
    public static IReadOnlyDictionary<string, int> Owners(ExecutionPlan plan, int count)
    {
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        var ancestorsOwners = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var next = 0;
        foreach (var level in plan.Levels)
        {
            var dealt = new List<string>();
            foreach (var stage in level)
            {
                // The tasks owning this stage's sharded ancestors, passed down through unsharded stages too.
                var above = new HashSet<int>();
                foreach (var dep in stage.Dependencies)
                {
                    above.UnionWith(ancestorsOwners[dep]);
                    if (owner.TryGetValue(dep, out var o))
                    {
                        above.Add(o);
                    }
                }

                if (IsSharded(stage))
                {
                    if (above.Count == 1)
                    {
                        owner[stage.Id] = above.Single();
                    }
                    else
                    {
                        dealt.Add(stage.Id);
                    }
                }

                ancestorsOwners[stage.Id] = above;
            }

            foreach (var id in dealt.Order(StringComparer.Ordinal))
            {
                owner[id] = next % count + 1;
                next++;
            }
        }

        return owner;
    }
}
