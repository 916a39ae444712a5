using NumeraiPipeline.Orchestrator.Definition;
using NumeraiPipeline.Orchestrator.Plugins;

namespace NumeraiPipeline.Orchestrator.Planning;

/// <summary>A stage in the plan: its definition, its type, its edges and its level (0 = no dependencies).</summary>
internal sealed record PlannedStage(
    StageDefinition Definition,
    StageDescriptor Descriptor,
    IReadOnlyList<string> Dependencies,
    int Level,
    WhenCondition When)
{
    public string Id => Definition.Id;

    /// <summary>The options, when the planner could bind all of them (no ${stages...} value); else null.</summary>
    public BoundOptions? Bound { get; init; }
}
