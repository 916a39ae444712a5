namespace NumeraiPipeline.Orchestrator.Planning;

/// <summary>One stage's place in a sharded run: its role for this task, the task owning it (sharded stages), and why.</summary>
internal sealed record ShardStage(ShardRole Role, int? Owner, string Reason)
{
    public string RoleName => Role switch
    {
        ShardRole.Assigned => "assigned",
        ShardRole.Upstream => "upstream",
        _ => "skipped-not-mine",
    };
}
