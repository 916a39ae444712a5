using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics;

/// <summary>The live checks of <c>numerai.gate</c>: thresholds on what the model does on Numerai (performance.json).</summary>
public sealed partial class GateOptions
{
    /// <summary>performance.json of a numerai.performance stage.</summary>
    [Description("performance.json written by numerai.performance; needed by the live checks.")]
    public ArtifactRef? Performance { get; set; }

    /// <summary>Lowest acceptable mean live CORR of the last <see cref="LiveRounds"/> resolved rounds.</summary>
    [Description("Lowest acceptable mean live CORR of the last live_rounds resolved rounds (a decaying model stops being submitted).")]
    public double? MinLiveCorrMean { get; set; }

    /// <summary>Lowest acceptable mean live MMC of the last <see cref="LiveRounds"/> resolved rounds.</summary>
    [Description("Lowest acceptable mean live MMC of the last live_rounds resolved rounds.")]
    public double? MinLiveMmcMean { get; set; }

    /// <summary>How many of the latest resolved rounds the live checks average over.</summary>
    /// <value>Default 20.</value>
    [Range(1, 1000)]
    [Description("How many of the latest resolved rounds the live checks average over.")]
    public int LiveRounds { get; set; } = 20;

    /// <summary>Fewest resolved rounds for the live checks to apply; a newer model passes them (noted) until it has them.</summary>
    /// <value>Default 1.</value>
    [Range(1, 1000)]
    [Description("Fewest resolved rounds for the live checks to apply; with fewer (a new model) they are skipped, and the gate says so.")]
    public int MinLiveRounds { get; set; } = 1;

    /// <summary>Whether any live threshold is set.</summary>
    internal bool HasLiveChecks => MinLiveCorrMean is not null || MinLiveMmcMean is not null;

    /// <summary>Plan-time checks of the live options (part of the gate's validation).</summary>
    private IEnumerable<ValidationResult> ValidateLive()
    {
        if (HasLiveChecks && Performance is null)
        {
            yield return new ValidationResult(
                "options 'min_live_corr_mean' and 'min_live_mmc_mean' need 'performance': give the performance output of a numerai.performance stage.",
                [nameof(Performance)]);
        }

        foreach (var (option, member, value) in new[] { ("min_live_corr_mean", nameof(MinLiveCorrMean), MinLiveCorrMean), ("min_live_mmc_mean", nameof(MinLiveMmcMean), MinLiveMmcMean) })
        {
            if (value is > 1 or < -1)
            {
                yield return new ValidationResult($"option '{option}' must be from -1 to 1 (it is a mean score), not {value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", [member]);
            }
        }

        if (MinLiveRounds > LiveRounds)
        {
            yield return new ValidationResult($"option 'min_live_rounds' ({MinLiveRounds}) exceeds 'live_rounds' ({LiveRounds}): the live checks could never apply.", [nameof(MinLiveRounds)]);
        }
    }
}
