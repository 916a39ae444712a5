using System.Text.Json;
using System.Text.Json.Serialization;

namespace NumeraiPipeline.Numerai.Scoring.CrossValidation;

/// <summary>
/// cv_metrics.json of lightgbm.cv: <c>{"kind": "lightgbm.cv", "target", "folds", "embargo", "eras", "rows",
/// "oof": {corr}, "per_fold": [{fold, first_test_era, last_test_era, test_eras, train_eras, embargoed_eras,
/// train_rows, test_rows, iterations, corr: {mean, std, sharpe, max_drawdown, eras}}]}</c>. numerai.report reads it
/// (its <c>cv</c> option) for the per-fold table: one type for the writer and the reader, so the two cannot drift.
/// </summary>
public sealed class CvMetricsDocument
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "lightgbm.cv";

    [JsonPropertyName("target")]
    public required string Target { get; init; }

    [JsonPropertyName("folds")]
    public int Folds { get; init; }

    [JsonPropertyName("embargo")]
    public int Embargo { get; init; }

    [JsonPropertyName("eras")]
    public int Eras { get; init; }

    [JsonPropertyName("rows")]
    public int Rows { get; init; }

    /// <summary>numerai_corr of the out-of-fold predictions over every era.</summary>
    [JsonPropertyName("oof")]
    public required CvSeries Oof { get; init; }

    [JsonPropertyName("per_fold")]
    public required IReadOnlyList<CvFoldMetrics> PerFold { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CvMetricsDocument FromJson(string json) => JsonSerializer.Deserialize<CvMetricsDocument>(json) ?? throw new JsonException("empty document");

    /// <summary>Reads the file; a file that is not lightgbm.cv's throws <see cref="JsonException"/>.</summary>
    /// <param name="path">The cv_metrics.json file.</param>
    /// <returns>The document.</returns>
    public static CvMetricsDocument Load(string path)
    {
        CvMetricsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<CvMetricsDocument>(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            document = null;
        }

        return document is { Kind: "lightgbm.cv", PerFold.Count: > 0 }
            ? document
            : throw new JsonException("it is not a lightgbm.cv cv_metrics.json (no \"kind\": \"lightgbm.cv\", \"oof\" or \"per_fold\")");
    }
}
