using System.Text.Json;
using System.Text.Json.Serialization;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>
/// The JSON sidecar of a LightGBM model (output <c>model_info</c>, <c>model.json</c> beside <c>model.txt</c>): what the
/// model was trained on and with which parameters. The model text itself is LightGBM's own format.
/// </summary>
internal sealed record ModelInfo
{
    public const string CurrentFormat = "numerai-pipeline.lightgbm-model/1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Format { get; init; } = CurrentFormat;

    public string ModelFamily { get; init; } = "lightgbm";

    public string LightgbmVersion { get; init; } = Native.Lgbm.Version;

    public required IReadOnlyList<string> Features { get; init; }

    public required string Target { get; init; }

    public string? FeatureSet { get; init; }

    public required IReadOnlyDictionary<string, string> Params { get; init; }

    public required TrainingDataInfo TrainingData { get; init; }

    public required int Iterations { get; init; }

    public int? BoostedIterations { get; init; }

    public string? ValidMetric { get; init; }

    public double? ValidScore { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ModelInfo FromJson(string json) =>
        JsonSerializer.Deserialize<ModelInfo>(json, Json) ?? throw new JsonException("empty model info");
}
