using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Models;

/// <summary>
/// The options every <c>*.train</c> stage shares: the data, its features, the target and the row filters. A model
/// family derives its options from it and adds its parameters.
/// </summary>
public abstract class ModelTrainOptions : IValidatableObject
{
    /// <summary>Training data (Numerai parquet: id, era, int8 features, targets).</summary>
    [Required]
    [Description("Training data: a Numerai parquet file (id, era, int8 features, targets).")]
    public ArtifactRef? Data { get; set; }

    /// <summary>Numerai's features.json; when absent, every column whose name starts with <c>feature_</c> is used.</summary>
    [Description("Numerai's features.json; when absent, every column whose name starts with 'feature_' is used.")]
    public ArtifactRef? Features { get; set; }

    /// <summary>The feature set of features.json.</summary>
    [Description("The feature set in features.json (small, medium, all, ...).")]
    public string FeatureSet { get; set; } = "small";

    /// <summary>The target column.</summary>
    [Description("The target column to learn.")]
    public string Target { get; set; } = "target";

    /// <summary>Keep every k-th era, as Numerai's examples do (4 there).</summary>
    [Range(1, 10000)]
    [Description("Keep every k-th era (in era order, from the first), as Numerai's examples subsample (they use 4).")]
    public int EraStride { get; set; } = 1;

    /// <summary>Keep only rows with this data_type (e.g. validation), or all rows.</summary>
    [Description("Keep only rows whose data_type equals this (e.g. 'validation'); all rows when empty.")]
    public string? DataType { get; set; }

    /// <summary>The data_type filter, or null when <see cref="DataType"/> is blank.</summary>
    protected string? DataTypeFilter => OptionText.NullIfBlank(DataType);

    /// <summary>The read of the training rows: these features, the target, the filters, labelled rows only, no ids.</summary>
    /// <param name="features">The feature columns, in order.</param>
    /// <returns>The spec.</returns>
    public ReadSpec TrainingSpec(IReadOnlyList<string> features) => new()
    {
        Features = features,
        Target = Target,
        EraStride = EraStride,
        DataType = DataTypeFilter,
        DropMissingTarget = true,
        IncludeIds = false,
    };

    /// <summary>NP6106 when no row is left to train on.</summary>
    /// <param name="stage">The stage, for the message.</param>
    /// <param name="rows">The rows kept.</param>
    /// <param name="dataFile">The data file.</param>
    /// <exception cref="StageException">NP6106.</exception>
    public void RequireRows(string stage, int rows, string dataFile)
    {
        if (rows == 0)
        {
            throw ModelErrors.NoRows.Exception(
                stage,
                Path.GetFileName(dataFile),
                EraStride,
                DataTypeFilter is null ? string.Empty : $" and data_type={DataTypeFilter}",
                Target);
        }
    }

    /// <summary>The model family's own checks (its parameters), reported first.</summary>
    /// <returns>The problems.</returns>
    protected abstract IEnumerable<ValidationResult> ValidateFamily();

    /// <summary>
    /// Checked when the pipeline is planned (validate, plan, run) and again with the final values before the stage runs,
    /// so a mistake is reported with its file position instead of at training time.
    /// </summary>
    /// <param name="validationContext">Unused.</param>
    /// <returns>The problems.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in ValidateFamily())
        {
            yield return result;
        }

        if (string.IsNullOrWhiteSpace(Target))
        {
            yield return new ValidationResult("option 'target' is empty. Name the target column, e.g. 'target'.", [nameof(Target)]);
        }

        if (string.IsNullOrWhiteSpace(FeatureSet))
        {
            yield return new ValidationResult("option 'feature_set' is empty. Name a feature set of features.json, e.g. 'small'.", [nameof(FeatureSet)]);
        }
    }
}
