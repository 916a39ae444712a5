using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>Options of <c>ensemble</c>.</summary>
public sealed class EnsembleOptions : IValidatableObject
{
    /// <summary>Prediction files (parquet or CSV with id and prediction).</summary>
    [Required]
    [MinLength(1)]
    [Description("Prediction files to combine (parquet or CSV with id and a prediction column), e.g. outputs of lightgbm.predict and mlnet.predict.")]
    public List<ArtifactRef> Predictions { get; set; } = [];

    /// <summary>One weight per prediction file (default: equal weights).</summary>
    [Description("One non-negative weight per prediction file, in the same order; equal weights when empty.")]
    public List<double> Weights { get; set; } = [];

    /// <summary>The data the predictions are for (gives the ids, their order, and their eras).</summary>
    [Required]
    [Description("The Numerai parquet the predictions were made for: its ids (in order) and eras define the output rows and the per-era ranking.")]
    public ArtifactRef? Data { get; set; }

    /// <summary>Keep only rows with this data_type.</summary>
    [Description("Keep only rows of the data whose data_type equals this (e.g. 'validation'); all rows when empty.")]
    public string? DataType { get; set; }

    /// <summary>
    /// Checked when the pipeline is planned and again before the stage runs: every weight finite and non-negative, not
    /// all zero, and one per prediction file. The count is compared only when the prediction list is known (at plan
    /// time a list of ${stages...} references is not, and the host leaves it empty); the stage checks it again.
    /// </summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Weights.Count; i++)
        {
            var w = Weights[i];
            if (!double.IsFinite(w) || w < 0)
            {
                yield return new ValidationResult(
                    $"option 'weights': weight {i + 1} of {Weights.Count} is {w.ToString(CultureInfo.InvariantCulture)}; every weight must be a finite number >= 0.",
                    [nameof(Weights)]);
            }
        }

        if (Weights.Count > 0 && Weights.All(w => w == 0))
        {
            yield return new ValidationResult("option 'weights': every weight is 0, and at least one must be more than 0. Remove 'weights' for equal weights.", [nameof(Weights)]);
        }

        if (Weights.Count > 0 && Predictions.Count > 0 && Weights.Count != Predictions.Count)
        {
            yield return new ValidationResult(
                $"option 'weights' has {Weights.Count} weight(s) for {Predictions.Count} prediction file(s). Give one weight per file, in the same order, or none for equal weights.",
                [nameof(Weights)]);
        }
    }
}
