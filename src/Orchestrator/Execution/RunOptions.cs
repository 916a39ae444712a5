using Microsoft.Extensions.Logging;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>How to run a plan.</summary>
internal sealed record RunOptions
{
    public required string Workspace { get; init; }

    public int MaxParallel { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Force every stage to run.</summary>
    public bool ForceAll { get; init; }

    /// <summary>Force these stages to run.</summary>
    public IReadOnlySet<string> ForceStages { get; init; } = new HashSet<string>();

    public required ILoggerFactory LoggerFactory { get; init; }

    public required ISecretStore Secrets { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Called when a stage finishes (console progress lines).</summary>
    public Action<StageRecord>? OnStageFinished { get; init; }

    /// <summary>The run's durable side (remote store, leases); null: leases in the workspace, no remote store.</summary>
    public RunStore? Store { get; init; }

    /// <summary>Called after a stage's outputs and stamp are complete (remote artifact store push), with paths relative to the workspace.</summary>
    public Func<IReadOnlyList<string>, CancellationToken, Task>? OnStageCommitted { get; init; }
}
