namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// The LightGBM parameters that shape a binned Dataset: LightGBM's "Dataset Parameters" (config.h, from
/// <c>linear_tree</c> to <c>parser_config_file</c>), plus <c>seed</c> (it seeds <c>data_random_seed</c>, hence the bin
/// sample) and <c>min_data_in_leaf</c> / <c>min_sum_hessian_in_leaf</c> (<c>feature_pre_filter</c> drops features
/// that cannot be split under them while the Dataset is built). Two trainings whose values of these agree can share one
/// Dataset; learning_rate, num_leaves, num_iterations, the objective and the like do not change it.
/// </summary>
internal static class DatasetParameters
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "linear_tree", "max_bin", "max_bin_by_feature", "min_data_in_bin", "bin_construct_sample_cnt", "data_random_seed",
        "is_enable_sparse", "enable_bundle", "use_missing", "zero_as_missing", "feature_pre_filter", "pre_partition",
        "two_round", "header", "label_column", "weight_column", "group_column", "ignore_column", "categorical_feature",
        "forcedbins_filename", "precise_float_parser", "parser_config_file",
        "seed", "min_data_in_leaf", "min_sum_hessian_in_leaf",
    };

    /// <summary>
    /// The dataset parameters that are set, as sorted <c>name=value</c> pairs; <c>seed</c> only while
    /// <c>data_random_seed</c> is not set (an explicit one wins over the seed in LightGBM's config), so models of several
    /// seeds share one Dataset when <c>data_random_seed</c> is given.
    /// </summary>
    public static IEnumerable<string> Of(LightGbmParameters parameters) =>
        parameters.Values
            .Where(p => Names.Contains(p.Key) && !(p.Key == "seed" && parameters.Get("data_random_seed") is not null))
            .Select(p => $"{p.Key}={p.Value}");
}
