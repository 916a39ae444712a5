namespace NumeraiPipeline.Orchestrator.Definition;

/// <summary>One pipeline after <c>extends</c> and <c>--set</c>: immutable, every node with its position.</summary>
internal sealed record PipelineDefinition(
    string Name,
    string? Description,
    string FilePath,
    IReadOnlyDictionary<string, YNode> Vars,
    IReadOnlyList<StageDefinition> Stages)
{
    public StageDefinition? Stage(string id) => Stages.FirstOrDefault(s => s.Id == id);
}

internal enum CacheMode
{
    Auto,
    Never,
}

/// <summary>One stage of a pipeline as written.</summary>
internal sealed record StageDefinition(
    string Id,
    SourceLocation Location,
    string Uses,
    SourceLocation UsesLocation,
    YMapping With,
    IReadOnlyList<(string Id, SourceLocation Location)> Needs,
    string When,
    SourceLocation WhenLocation,
    CacheMode Cache,
    string? Description);
