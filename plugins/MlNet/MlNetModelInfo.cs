using System.Text.Json;
using System.Text.Json.Serialization;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>
/// What an mlnet.train model was trained on (output <c>model_info</c>, <c>model.json</c>); the same JSON is also stored
/// inside the model zip as <see cref="ZipEntryName"/> so mlnet.predict needs only the zip.
/// </summary>
internal sealed record MlNetModelInfo
{
    public const string CurrentFormat = "numerai-pipeline.mlnet-model/1";

    public const string ZipEntryName = "numerai-pipeline/model.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Format { get; init; } = CurrentFormat;

    public string ModelFamily { get; init; } = "mlnet.fasttree";

    public required IReadOnlyList<string> Features { get; init; }

    public required string Target { get; init; }

    public string? FeatureSet { get; init; }

    public required IReadOnlyDictionary<string, string> Params { get; init; }

    public required MlNetTrainingData TrainingData { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static MlNetModelInfo FromJson(string json) =>
        JsonSerializer.Deserialize<MlNetModelInfo>(json, Json) ?? throw new JsonException("empty model info");
}
