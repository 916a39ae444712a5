using System.Text.Json.Serialization;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Document;

/// <summary>One per-era series of metrics.json: its summary and the value of each era (null where not scored).</summary>
internal sealed class SeriesReport
{
    /// <summary>Mean over scored eras.</summary>
    [JsonPropertyName("mean")]
    public double? Mean { get; set; }

    /// <summary>Population standard deviation (ddof 0).</summary>
    [JsonPropertyName("std")]
    public double? Std { get; set; }

    /// <summary>mean / std.</summary>
    [JsonPropertyName("sharpe")]
    public double? Sharpe { get; set; }

    /// <summary>Max drawdown of the cumulative sum (running peak from the first era), ≥ 0.</summary>
    [JsonPropertyName("max_drawdown")]
    public double? MaxDrawdown { get; set; }

    /// <summary>Scored eras.</summary>
    [JsonPropertyName("eras")]
    public int Eras { get; set; }

    /// <summary>Value per era, keyed by era, ascending.</summary>
    [JsonPropertyName("per_era")]
    public SortedDictionary<string, double?> PerEra { get; set; } = new(StringComparer.Ordinal);
}
