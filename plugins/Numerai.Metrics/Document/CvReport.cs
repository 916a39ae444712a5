using System.Text.Json;
using System.Text.Json.Serialization;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Document;

/// <summary>
/// cv_metrics.json of lightgbm.cv as the report reads it: the out-of-fold CORR and each fold's eras, rows and CORR
/// (the writer is the LightGbm plugin's CvMetricsDocument; the two meet only in the file).
/// </summary>
internal sealed class CvReport
{
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonPropertyName("target")]
    public string? Target { get; init; }

    [JsonPropertyName("folds")]
    public int Folds { get; init; }

    [JsonPropertyName("embargo")]
    public int Embargo { get; init; }

    [JsonPropertyName("eras")]
    public int Eras { get; init; }

    [JsonPropertyName("rows")]
    public int Rows { get; init; }

    [JsonPropertyName("oof")]
    public CvCorr? Oof { get; init; }

    [JsonPropertyName("per_fold")]
    public IReadOnlyList<CvFoldReport> PerFold { get; init; } = [];

    /// <summary>Reads the file; a file that is not lightgbm.cv's throws <see cref="JsonException"/>.</summary>
    public static CvReport Load(string path)
    {
        var report = JsonSerializer.Deserialize<CvReport>(File.ReadAllText(path)) ?? throw new JsonException("the file is empty");
        return report.Kind == "lightgbm.cv" && report.Oof is not null && report.PerFold.Count > 0
            ? report
            : throw new JsonException("it is not a lightgbm.cv cv_metrics.json (no \"kind\": \"lightgbm.cv\", \"oof\" or \"per_fold\")");
    }
}
