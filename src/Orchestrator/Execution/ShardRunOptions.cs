namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>How a task of a sharded run shares work with the other tasks through the store.</summary>
internal sealed record ShardRunOptions
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromHours(2);
    public static readonly TimeSpan DefaultPoll = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Who holds this task's leases. The same for a retry of the task (Cloud Run's execution and task index), so a
    /// retry takes over the leases its killed attempt held instead of waiting for them to lapse.
    /// </summary>
    public required string Holder { get; init; }

    /// <summary>How long a task waits for a stage another task is running before failing with NP6761.</summary>
    public TimeSpan Wait { get; init; } = DefaultWait;

    /// <summary>How often a waiting task looks for the stage's stamp in the store.</summary>
    public TimeSpan Poll { get; init; } = DefaultPoll;

    /// <summary>A stage's lease lasts this long unless renewed; the holder renews it every third of it while it runs.</summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromMinutes(2);
}
