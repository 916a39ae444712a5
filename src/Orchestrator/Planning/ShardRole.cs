namespace NumeraiPipeline.Orchestrator.Planning;

/// <summary>What one task of a sharded run does with a stage.</summary>
internal enum ShardRole
{
    /// <summary>One of the expensive independent instances this task owns: it runs here.</summary>
    Assigned,

    /// <summary>Needed by this task's instances: run (or waited for) under a store lease, so shared work is done once.</summary>
    Upstream,

    /// <summary>Another task's instance, a fan-in of sharded instances (left to the gather), or not needed here.</summary>
    NotMine,
}
