using System.Text.Json.Serialization;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Document;

/// <summary>What was scored.</summary>
internal sealed class MetricsInfo
{
    /// <summary>The target column.</summary>
    [JsonPropertyName("target")]
    public string Target { get; set; } = "target";

    /// <summary>The benchmark column used for BMC, if any.</summary>
    [JsonPropertyName("benchmark_column")]
    public string? BenchmarkColumn { get; set; }

    /// <summary>Features used for FNC and exposure.</summary>
    [JsonPropertyName("features")]
    public int Features { get; set; }

    /// <summary>Labelled eras.</summary>
    [JsonPropertyName("eras")]
    public int Eras { get; set; }

    /// <summary>Eras dropped because no row had a target.</summary>
    [JsonPropertyName("unlabelled_eras")]
    public int UnlabelledEras { get; set; }

    /// <summary>Rows scored (with target and prediction).</summary>
    [JsonPropertyName("rows")]
    public long Rows { get; set; }

    /// <summary>Why some era or metric was not scored.</summary>
    [JsonPropertyName("notes")]
    public List<string> Notes { get; set; } = [];
}
