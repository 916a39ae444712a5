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
    string? Description)
{
    /// <summary>The stage's <c>matrix:</c> as written (null when it has none); expanded by the planner.</summary>
    public YNode? Matrix { get; init; }

    /// <summary>For an instance of a matrix stage: the stage it was expanded from and its values, in key order.</summary>
    public MatrixInstance? Instance { get; init; }

    /// <summary>The id a user writes for this stage: the matrix stage's own id for one of its instances.</summary>
    public string BaseId => Instance?.BaseId ?? Id;
}

/// <summary>One combination of a matrix stage: <c>train[target=target_ender_20,seed=1]</c>.</summary>
internal sealed record MatrixInstance(string BaseId, IReadOnlyList<KeyValuePair<string, YScalar>> Values)
{
    public string? Value(string key) => Values.FirstOrDefault(v => v.Key == key).Value?.Value;

    /// <summary>The instance id: the stage id with its values in key order.</summary>
    public static string IdOf(string baseId, IEnumerable<KeyValuePair<string, YScalar>> values) =>
        $"{baseId}[{string.Join(',', values.Select(v => $"{v.Key}={v.Value.Value}"))}]";
}
