using System.Text.Json.Serialization;

namespace NumeraiPipeline.Numerai.Scoring.CrossValidation;

/// <summary>
/// The summary of a per-era numerai_corr series in cv_metrics.json, as numerai.metrics writes its series (NaN as null).
/// </summary>
public sealed class CvSeries
{
    [JsonPropertyName("mean")]
    public double? Mean { get; init; }

    [JsonPropertyName("std")]
    public double? Std { get; init; }

    [JsonPropertyName("sharpe")]
    public double? Sharpe { get; init; }

    [JsonPropertyName("max_drawdown")]
    public double? MaxDrawdown { get; init; }

    [JsonPropertyName("eras")]
    public int Eras { get; init; }

    public static CvSeries From(SeriesSummary s) => new()
    {
        Mean = Finite(s.Mean),
        Std = Finite(s.Std),
        Sharpe = Finite(s.Sharpe),
        MaxDrawdown = Finite(s.MaxDrawdown),
        Eras = s.Eras,
    };

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
