using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics;

/// <summary>Options of <c>numerai.gate</c>: thresholds on metrics.json; each is optional, unset ones are not checked.</summary>
public sealed partial class GateOptions
{
    /// <summary>metrics.json of a numerai.metrics stage.</summary>
    [Required]
    [Description("metrics.json written by numerai.metrics.")]
    public ArtifactRef? Metrics { get; set; }

    /// <summary>Lowest acceptable mean CORR.</summary>
    [Description("Lowest acceptable mean per-era CORR.")]
    public double? MinCorrMean { get; set; }

    /// <summary>Lowest acceptable CORR Sharpe.</summary>
    [Description("Lowest acceptable CORR Sharpe (mean / std).")]
    public double? MinSharpe { get; set; }

    /// <summary>Largest acceptable max drawdown of cumulative CORR.</summary>
    [Description("Largest acceptable max drawdown of cumulative CORR.")]
    public double? MaxDrawdown { get; set; }

    /// <summary>Largest acceptable mean max feature exposure.</summary>
    [Description("Largest acceptable mean (over eras) of the max feature exposure.")]
    public double? MaxFeatureExposure { get; set; }

    /// <summary>Lowest acceptable mean MMC.</summary>
    [Description("Lowest acceptable mean per-era MMC.")]
    public double? MinMmcMean { get; set; }

    /// <summary>Lowest acceptable mean BMC.</summary>
    [Description("Lowest acceptable mean per-era BMC.")]
    public double? MinBmcMean { get; set; }

    /// <summary>Lowest acceptable mean FNC.</summary>
    [Description("Lowest acceptable mean per-era FNC.")]
    public double? MinFncMean { get; set; }

    /// <summary>Fewest scored eras for the figures to count.</summary>
    [Range(0, int.MaxValue)]
    [Description("Fewest scored eras for the figures to count.")]
    public int? MinEras { get; set; }
}
