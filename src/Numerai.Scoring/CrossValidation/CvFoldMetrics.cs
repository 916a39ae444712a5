using System.Text.Json.Serialization;

namespace NumeraiPipeline.Numerai.Scoring.CrossValidation;

/// <summary>One fold's entry in cv_metrics.json: its eras and rows, and numerai_corr of its test block (null: not computable).</summary>
public sealed class CvFoldMetrics
{
    [JsonPropertyName("fold")]
    public int Fold { get; init; }

    [JsonPropertyName("first_test_era")]
    public required string FirstTestEra { get; init; }

    [JsonPropertyName("last_test_era")]
    public required string LastTestEra { get; init; }

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
    public required CvSeries Corr { get; init; }
}
