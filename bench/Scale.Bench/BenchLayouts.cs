using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Data.DuckDb;

namespace NumeraiPipeline.Scale.Bench;

/// <summary>The row-group layouts measured, written into DIR/&lt;layout&gt;/v5.2/ by the library's synthetic writer.</summary>
internal static class BenchLayouts
{
    /// <summary>Layout name and what it stands for.</summary>
    public static readonly (string Name, string Description)[] All =
    [
        ("pyarrow-20k", "20 000-row groups, pyarrow's encoding (dictionary int8, 20 000-row pages)"),
        ("pyarrow-1048576", "1 048 576-row groups (pyarrow 15 and later), 20 000-row pages (pyarrow 22 and later)"),
        ("one-page", "one row group, one page per column chunk (pyarrow before 22 wrote 1 MiB pages; DuckDB's writer)"),
        ("parquetnet-20k", "20 000-row groups written by Parquet.Net (plain INT32 pages; the issue's generator)"),
    ];

    /// <summary>Rows of live.parquet: Numerai's live size (v5.2, December 2025).</summary>
    public const int LiveRows = 6720;

    public static string Directory(string root, string layout) => Path.Combine(root, layout, "v5.2");

    public static async Task WriteAsync(string root, string layout, int rows, int features)
    {
        var directory = Directory(root, layout);
        if (File.Exists(Path.Combine(directory, "train.parquet")))
        {
            return;
        }

        if (layout == "one-page")
        {
            await WriteAsync(root, "pyarrow-1048576", rows, features);
            System.IO.Directory.CreateDirectory(directory);
            var source = Directory(root, "pyarrow-1048576");
            DuckDbParquet.Rewrite(Path.Combine(source, "train.parquet"), Path.Combine(directory, "train.parquet.tmp"), rows);
            File.Move(Path.Combine(directory, "train.parquet.tmp"), Path.Combine(directory, "train.parquet"));
            File.Copy(Path.Combine(source, "live.parquet"), Path.Combine(directory, "live.parquet"), overwrite: true);
            File.Copy(Path.Combine(source, "features.json"), Path.Combine(directory, "features.json"), overwrite: true);
            return;
        }

        var options = new SyntheticDatasetOptions
        {
            TrainRows = rows,
            TrainEras = Math.Max(1, rows / 5000),
            ValidationEras = 0,
            UnlabelledValidationEras = 0,
            FeatureCount = features,
            LiveRows = LiveRows,
            Seed = 1,
            Format = layout.StartsWith("pyarrow", StringComparison.Ordinal) ? SyntheticFormat.Pyarrow : SyntheticFormat.ParquetNet,
            RowGroupRows = layout.EndsWith("-20k", StringComparison.Ordinal) ? 20_000 : 1_048_576,
        };
        await SyntheticDataset.WriteAsync(options, Path.Combine(root, layout));
    }
}
