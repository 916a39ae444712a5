using System.Text.Json.Serialization;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Document;

/// <summary>A CORR summary in cv_metrics.json (null where not computable).</summary>
internal sealed class CvCorr
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
}
