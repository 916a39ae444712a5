using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>Options of <c>mlnet.train</c> (the same inputs as <c>lightgbm.train</c>).</summary>
public sealed class MlNetTrainOptions : IValidatableObject
{
    /// <summary>Training data.</summary>
    [Required]
    [Description("Training data: a Numerai parquet file (id, era, int8 features, targets).")]
    public ArtifactRef? Data { get; set; }

    /// <summary>features.json; when absent every column whose name starts with <c>feature_</c> is used.</summary>
    [Description("Numerai's features.json; when absent, every column whose name starts with 'feature_' is used.")]
    public ArtifactRef? Features { get; set; }

    /// <summary>The feature set of features.json.</summary>
    [Description("The feature set in features.json (small, medium, all, ...).")]
    public string FeatureSet { get; set; } = "small";

    /// <summary>The target column.</summary>
    [Description("The target column to learn.")]
    public string Target { get; set; } = "target";

    /// <summary>Keep every k-th era.</summary>
    [Range(1, 10000)]
    [Description("Keep every k-th era (in era order, from the first), as Numerai's examples subsample (they use 4).")]
    public int EraStride { get; set; } = 1;

    /// <summary>Keep only rows with this data_type.</summary>
    [Description("Keep only rows whose data_type equals this (e.g. 'validation'); all rows when empty.")]
    public string? DataType { get; set; }

    /// <summary>FastTree parameters.</summary>
    [Description("FastTree parameters: number_of_trees (100), number_of_leaves (31), learning_rate (0.1), minimum_example_count_per_leaf (20), feature_fraction (1.0).")]
    public Dictionary<string, JsonElement> Params { get; set; } = [];

    /// <summary>Random seed.</summary>
    [Description("Seed of ML.NET and FastTree.")]
    public int Seed { get; set; } = 1;

    /// <summary>Threads (0 = ML.NET's default).</summary>
    [Range(0, 1024)]
    [Description("FastTree threads; 0 = ML.NET's default (all cores).")]
    public int NumThreads { get; set; }

    /// <summary>
    /// Checked when the pipeline is planned (validate, plan, run) and again with the final values before the stage runs:
    /// the names and ranges of <see cref="Params"/>, so a mistake is reported with its file position instead of at
    /// training time.
    /// </summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        foreach (var problem in FastTreeParameters.Problems(Params))
        {
            yield return new ValidationResult($"option 'params': {problem}", [nameof(Params)]);
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
