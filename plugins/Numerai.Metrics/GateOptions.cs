using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics;

/// <summary>Options of <c>numerai.gate</c>: thresholds on metrics.json; each is optional, unset ones are not checked.</summary>
public sealed partial class GateOptions : IValidatableObject
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

    /// <summary>
    /// Checked when the pipeline is planned: thresholds no metric can ever meet (a drawdown is never negative, a
    /// correlation or an exposure never beyond 1) would decline every run, so they are errors.
    /// </summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (MaxDrawdown is < 0)
        {
            yield return new ValidationResult($"option 'max_drawdown' is {MaxDrawdown.Value.ToString(CultureInfo.InvariantCulture)}, but a drawdown is never negative, so the gate could never pass. Give the largest acceptable drop of cumulative CORR, e.g. 0.1.", [nameof(MaxDrawdown)]);
        }

        if (MaxFeatureExposure is < 0 or > 1)
        {
            yield return new ValidationResult($"option 'max_feature_exposure' must be from 0 to 1 (an exposure is an absolute correlation), not {MaxFeatureExposure.Value.ToString(CultureInfo.InvariantCulture)}.", [nameof(MaxFeatureExposure)]);
        }

        foreach (var (option, member, value) in new[] { ("min_corr_mean", nameof(MinCorrMean), MinCorrMean), ("min_fnc_mean", nameof(MinFncMean), MinFncMean) })
        {
            if (value is > 1 or < -1)
            {
                yield return new ValidationResult($"option '{option}' must be from -1 to 1 (it is a mean correlation), not {value.Value.ToString(CultureInfo.InvariantCulture)}.", [member]);
            }
        }

        foreach (var result in ValidateLive())
        {
            yield return result;
        }
    }
}
