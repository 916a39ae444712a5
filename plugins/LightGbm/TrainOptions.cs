using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Plugins.LightGbm.Parameters;
using NumeraiPipeline.Numerai.Models;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>Options of <c>lightgbm.train</c>: the shared training options plus LightGBM's parameters and training controls.</summary>
public sealed class TrainOptions : ModelTrainOptions
{
    /// <summary>LightGBM parameters by LightGBM's names or aliases.</summary>
    [Description("LightGBM parameters by LightGBM's names or aliases (n_estimators, learning_rate, max_depth, num_leaves, colsample_bytree, min_data_in_leaf, subsample, reg_lambda, ...).")]
    public Dictionary<string, JsonElement> Params { get; set; } = [];

    /// <summary>Optional validation data for early stopping.</summary>
    [Description("Optional validation parquet (same features and target) for the validation metric and early stopping.")]
    public ArtifactRef? Valid { get; set; }

    /// <summary>Stop after this many iterations without improvement on <see cref="Valid"/> (0 = never).</summary>
    [Range(0, 1000000)]
    [Description("Stop when the validation metric has not improved for this many iterations; 0 = never (needs valid).")]
    public int EarlyStoppingRounds { get; set; }

    /// <summary>Threads (0 = LightGBM's default: all cores).</summary>
    [Range(0, 1024)]
    [Description("LightGBM threads; 0 = all cores. A num_threads/n_jobs in params wins.")]
    public int NumThreads { get; set; }

    /// <summary>Random seed.</summary>
    [Description("LightGBM's seed; a seed/random_state in params wins.")]
    public int? Seed { get; set; }

    /// <summary>LightGBM's deterministic mode (default on).</summary>
    [Description("LightGBM's deterministic mode plus force_col_wise: identical models from identical data and options on the same machine. false lets LightGBM choose row- or column-wise histograms by timing both (last-bit differences between runs).")]
    public bool Deterministic { get; set; } = true;

    /// <summary>Progress is reported every this many iterations.</summary>
    [Range(1, 1000000)]
    [Description("Report progress every this many iterations.")]
    public int ProgressEvery { get; set; } = 50;

    /// <summary>Keep the int8 rows in memory when they take at most this many MiB (one parquet read), else stream the file twice.</summary>
    [Range(0, 1048576)]
    [Description("Keep the selected int8 rows in memory when they fit in this many MiB (one parquet read); larger data is streamed from the file (two reads, less memory).")]
    public int ResidentLimitMb { get; set; } = 1024;

    /// <summary>Keep the binned Dataset in the workspace's cache and reuse it for trainings that share rows, features and dataset parameters.</summary>
    [Description("Keep LightGBM's binned Dataset (a binary Dataset file in WORKSPACE/cache/lightgbm-datasets) and load it instead of reading and binning the parquet features again when another training (another target, learning_rate, num_leaves, ...) uses the same data file, kept rows, features and dataset parameters (max_bin, min_data_in_bin, bin_construct_sample_cnt, feature_pre_filter, min_data_in_leaf, seed unless data_random_seed is set, ...). The trees are the same either way.")]
    public bool DatasetCache { get; set; } = true;

    /// <summary>The Dataset cache's bound in GB (10^9 bytes): least recently used Datasets are evicted after a save to fit it.</summary>
    [Range(0.0, 1000000.0)]
    [Description("Bound of WORKSPACE/cache/lightgbm-datasets in GB (10^9 bytes): after saving a Dataset, the least recently used ones (by their last save or load) are deleted until the cache fits; one another training is loading is kept. The Dataset just saved is always kept (0 keeps only it).")]
    public double DatasetCacheMaxGb { get; set; } = DatasetCacheDefaultMaxGb;

    /// <summary>The default of <see cref="DatasetCacheMaxGb"/>.</summary>
    internal const double DatasetCacheDefaultMaxGb = 20;

    /// <summary><see cref="DatasetCacheMaxGb"/> in bytes.</summary>
    internal long DatasetCacheMaxBytes => (long)Math.Min(DatasetCacheMaxGb * 1e9, long.MaxValue / 2.0);

    /// <summary>
    /// Checked when the pipeline is planned (validate, plan, run) and again with the final values before the stage runs:
    /// every name in <see cref="Params"/> must be a LightGBM parameter or alias, set once, with a value LightGBM accepts
    /// (its types, ranges and enum values, generated from LightGBM's config.h) and that fits the other parameters, so a
    /// mistake is reported with its file position instead of after the download, at training time.
    /// </summary>
    protected override IEnumerable<ValidationResult> ValidateFamily()
    {
        foreach (var result in ParamsValidation.Results(Params, NumThreads, Seed, Deterministic))
        {
            yield return result;
        }

        if (EarlyStoppingRounds > 0 && Valid is null)
        {
            // Named after 'valid': when valid is a ${stages...} reference it is unknown at plan time, and the host skips this.
            yield return new ValidationResult($"option 'early_stopping_rounds' is {EarlyStoppingRounds} but 'valid' is not set: early stopping watches the validation metric. Set 'valid' to a validation parquet, or early_stopping_rounds to 0.", [nameof(Valid)]);
        }
    }
}
