using System.Text.Json.Serialization;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Document;

/// <summary>One fold of cv_metrics.json.</summary>
internal sealed class CvFoldReport
{
    [JsonPropertyName("fold")]
    public int Fold { get; init; }

    [JsonPropertyName("first_test_era")]
    public string FirstTestEra { get; init; } = string.Empty;

    [JsonPropertyName("last_test_era")]
    public string LastTestEra { get; init; } = string.Empty;

    [JsonPropertyName("test_eras")]
    public int TestEras { get; init; }

    [JsonPropertyName("train_eras")]
    public int TrainEras { get; init; }

    [JsonPropertyName("embargoed_eras")]
    public int EmbargoedEras { get; init; }

    [JsonPropertyName("train_rows")]
    public int TrainRows { get; init; }

    [JsonPropertyName("test_rows")]
    public int TestRows { get; init; }

    [JsonPropertyName("iterations")]
    public int Iterations { get; init; }

    [JsonPropertyName("corr")]
    public CvCorr Corr { get; init; } = new();
}
