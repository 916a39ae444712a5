using System.Text.Json.Serialization;

namespace NumeraiPipeline.Plugins.LightGbm.CrossValidation;

/// <summary>One fold's eras in folds.json.</summary>
internal sealed class FoldLayoutEntry
{
    [JsonPropertyName("fold")]
    public int Fold { get; init; }

    [JsonPropertyName("train")]
    public required IReadOnlyList<string> Train { get; init; }

    [JsonPropertyName("test")]
    public required IReadOnlyList<string> Test { get; init; }

    [JsonPropertyName("embargoed")]
    public required IReadOnlyList<string> Embargoed { get; init; }
}
