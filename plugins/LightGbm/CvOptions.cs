using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Plugins.LightGbm.Parameters;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>Options of <c>lightgbm.cv</c>.</summary>
public sealed class CvOptions : IValidatableObject
{
    /// <summary>The stage type these options belong to (lightgbm.cv), for its attribute and its messages.</summary>
    internal const string StageId = "lightgbm.cv";

    /// <summary>The smallest number of folds.</summary>
    internal const int MinFolds = 2;

    /// <summary>The labelled data to cross-validate on (Numerai parquet with an era column).</summary>
    [Required]
    [Description("Data to cross-validate on: a Numerai parquet file (id, era, int8 features, targets); every labelled row is predicted once.")]
    public ArtifactRef? Data { get; set; }

    /// <summary>Numerai's features.json; when absent, every <c>feature_*</c> column.</summary>
    [Description("Numerai's features.json; when absent, every column whose name starts with 'feature_' is used.")]
    public ArtifactRef? Features { get; set; }

    /// <summary>The feature set of features.json.</summary>
    [Description("The feature set in features.json (small, medium, all, ...).")]
    public string FeatureSet { get; set; } = "small";

    /// <summary>The target column.</summary>
    [Description("The target column to learn and score.")]
    public string Target { get; set; } = "target";

    /// <summary>K: the eras are cut into this many contiguous test blocks.</summary>
    [Description("K: the eras (in time order) are cut into this many contiguous test blocks, one model a block; at least 2.")]
    public int Folds { get; set; } = 5;

    /// <summary>Eras removed from training on each side of a test block.</summary>
    [Description("Eras left out of training on each side of every test block (Numerai's 20-day targets overlap about 4 weekly eras); 0 = none.")]
    public int Embargo { get; set; } = 4;

    /// <summary>Keep every k-th era.</summary>
    [Range(1, 10000)]
    [Description("Keep every k-th era (in era order, from the first) before cutting folds.")]
    public int EraStride { get; set; } = 1;

    /// <summary>Keep only rows with this data_type.</summary>
    [Description("Keep only rows whose data_type equals this (e.g. 'validation'); all rows when empty.")]
    public string? DataType { get; set; }

    /// <summary>LightGBM parameters by LightGBM's names or aliases (the same for every fold).</summary>
    [Description("LightGBM parameters by LightGBM's names or aliases, as for lightgbm.train; every fold's model uses them.")]
    public Dictionary<string, JsonElement> Params { get; set; } = [];

    /// <summary>Threads (0 = all cores).</summary>
    [Range(0, 1024)]
    [Description("LightGBM threads; 0 = all cores. A num_threads/n_jobs in params wins.")]
    public int NumThreads { get; set; }

    /// <summary>Random seed.</summary>
    [Description("LightGBM's seed; a seed/random_state in params wins.")]
    public int? Seed { get; set; }

    /// <summary>LightGBM's deterministic mode.</summary>
    [Description("LightGBM's deterministic mode plus force_col_wise, as for lightgbm.train: a fold's model equals lightgbm.train's on the fold's training eras.")]
    public bool Deterministic { get; set; } = true;

    /// <summary>Rank the out-of-fold predictions per era.</summary>
    [Description("Rank the out-of-fold predictions into (0, 1] within each era, like lightgbm.predict's rank.")]
    public bool Rank { get; set; }

    /// <summary>Keep the int8 rows in memory up to this many MiB.</summary>
    [Range(0, 1048576)]
    [Description("Keep the selected int8 rows in memory when they fit in this many MiB (one parquet read for all folds); larger data is read again for every fold.")]
    public int ResidentLimitMb { get; set; } = 1024;

    /// <summary>The stage's own check of folds and embargo (the first problem, NP6112), before any file is read.</summary>
    internal void ThrowOnLayoutProblem()
    {
        if (LayoutProblems().FirstOrDefault() is { } problem)
        {
            throw LightGbmErrors.CvOptions.Exception(problem);
        }
    }

    /// <summary>The problems of folds and embargo that need no data (plan time and the stage's own check).</summary>
    internal IEnumerable<string> LayoutProblems()
    {
        if (Folds < MinFolds)
        {
            yield return $"option 'folds' is {Folds}: cross-validation needs at least {MinFolds} folds (each era block is predicted by a model trained on the others). Set folds to 2 or more, e.g. 5";
        }

        if (Embargo < 0)
        {
            yield return $"option 'embargo' is {Embargo}: it counts eras left out on each side of a test block and cannot be negative. Set it to 0 (no embargo) or more, e.g. 4 for Numerai's 20-day targets";
        }
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        foreach (var problem in LayoutProblems())
        {
            yield return new ValidationResult(problem + ".", [problem.Contains("'folds'", StringComparison.Ordinal) ? nameof(Folds) : nameof(Embargo)]);
        }

        foreach (var result in ParamsValidation.Results(Params, NumThreads, Seed, Deterministic))
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
