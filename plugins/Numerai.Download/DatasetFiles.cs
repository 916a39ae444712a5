using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>The standard files of a Numerai dataset version: each is an output named by its stem.</summary>
internal static class DatasetFiles
{
    public static readonly string[] Known =
    [
        "train.parquet", "validation.parquet", "live.parquet", "features.json", "meta_model.parquet",
        "train_benchmark_models.parquet", "validation_benchmark_models.parquet", "live_benchmark_models.parquet",
        "validation_example_preds.parquet", "live_example_preds.parquet",
    ];

    public static string OutputName(string file) => Path.GetFileNameWithoutExtension(file);

    /// <summary>Whether a file changes with every round (so it is keyed on the round).</summary>
    public static bool IsRoundFile(string file) => file.StartsWith("live", StringComparison.Ordinal);

    public static string? Suggest(string file) =>
        Known.Select(k => (k, d: EditDistance.Between(file, k))).Where(x => x.d <= 4).OrderBy(x => x.d).Select(x => x.k).FirstOrDefault();
}
