using System.Text.Json.Serialization;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Document;

/// <summary>The max feature exposure per era (max |Pearson(feature, prediction)|) and its mean over eras.</summary>
internal sealed class ExposureReport
{
    /// <summary>Mean over eras of the per-era max exposure.</summary>
    [JsonPropertyName("mean")]
    public double? Mean { get; set; }

    /// <summary>The largest per-era value.</summary>
    [JsonPropertyName("max")]
    public double? Max { get; set; }

    /// <summary>Value per era.</summary>
    [JsonPropertyName("per_era")]
    public SortedDictionary<string, double?> PerEra { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The feature with the largest exposure, per era.</summary>
    [JsonPropertyName("per_era_feature")]
    public SortedDictionary<string, string?> PerEraFeature { get; set; } = new(StringComparer.Ordinal);
}
