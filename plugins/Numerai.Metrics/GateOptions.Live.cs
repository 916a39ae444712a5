using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics;

/// <summary>The live checks of <c>numerai.gate</c>: thresholds on what the model does on Numerai (performance.json).</summary>
public sealed partial class GateOptions : IValidatableObject
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

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (HasLiveChecks && Performance is null)
        {
            yield return new ValidationResult(
                "the live checks (min_live_corr_mean, min_live_mmc_mean) need 'performance': the performance output of a numerai.performance stage",
                [nameof(Performance)]);
        }

        if (MinLiveRounds > LiveRounds)
        {
            yield return new ValidationResult($"min_live_rounds ({MinLiveRounds}) exceeds live_rounds ({LiveRounds})", [nameof(MinLiveRounds)]);
        }
    }
}
