using System.Text.Json;
using System.Text.Json.Serialization;

namespace NumeraiPipeline.Numerai.Models;

/// <summary>
/// The JSON sidecar of a model (output <c>model_info</c>, <c>model.json</c>): what every model family records. A
/// family derives from it for what is its own (LightGBM's version and iterations); <see cref="ToJson"/> writes the
/// derived record's properties too.
/// </summary>
public abstract record ModelInfo
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The sidecar's format name and version, e.g. <c>numerai-pipeline.lightgbm-model/1</c> (set by the family's constructor).</summary>
    public string Format { get; init; } = string.Empty;

    /// <summary>The model family, e.g. <c>lightgbm</c> (set by the family's constructor).</summary>
    public string ModelFamily { get; init; } = string.Empty;

    /// <summary>The features, in the order the model reads them.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>The target learned.</summary>
    public required string Target { get; init; }

    /// <summary>The feature set of features.json, or null when every feature_* column was used.</summary>
    public string? FeatureSet { get; init; }

    /// <summary>The parameters, as text (secrets redacted).</summary>
    public required IReadOnlyDictionary<string, string> Params { get; init; }

    /// <summary>The training data.</summary>
    public required TrainingDataInfo TrainingData { get; init; }

    /// <summary>When the model was trained (the stage's clock).</summary>
    public DateTimeOffset CreatedUtc { get; init; }

    /// <summary>The sidecar's JSON (snake_case, indented, nulls left out).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, GetType(), Json);

    /// <summary>Reads a sidecar.</summary>
    /// <typeparam name="T">The family's record.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The record.</returns>
    /// <exception cref="JsonException">When the text is not a sidecar.</exception>
    public static T FromJson<T>(string json)
        where T : ModelInfo =>
        JsonSerializer.Deserialize<T>(json, Json) ?? throw new JsonException("empty model info");
}
