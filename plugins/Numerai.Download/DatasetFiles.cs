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
        Known.Select(k => (k, d: Distance(file, k))).Where(x => x.d <= 4).OrderBy(x => x.d).Select(x => x.k).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }
}
