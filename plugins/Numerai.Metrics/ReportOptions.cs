using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics;

/// <summary>Options of <c>numerai.report</c>.</summary>
public sealed class ReportOptions
{
    /// <summary>metrics.json of a numerai.metrics stage.</summary>
    [Required]
    [Description("metrics.json written by numerai.metrics.")]
    public ArtifactRef? Metrics { get; set; }

    /// <summary>performance.json of a numerai.performance stage: adds the Live section.</summary>
    [Description("performance.json written by numerai.performance: adds a Live section (cumulative live CORR, MMC, BMC and payout per round beside the validation expectation).")]
    public ArtifactRef? Performance { get; set; }

    /// <summary>The report's title.</summary>
    [Description("The report's title.")]
    public string Title { get; set; } = "Numerai validation metrics";

    /// <summary>Chart width in pixels.</summary>
    [Range(200, 4000)]
    [Description("Chart width in pixels.")]
    public int Width { get; set; } = 900;

    /// <summary>Chart height in pixels.</summary>
    [Range(150, 3000)]
    [Description("Chart height in pixels.")]
    public int Height { get; set; } = 380;
}
