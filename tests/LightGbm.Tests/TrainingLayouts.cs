using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Data.DuckDb;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.LightGbm.Tests;

/// <summary>
/// One synthetic dataset (with signal) in the row-group layouts of Numerai's files: Parquet.Net's, pyarrow's with
/// small row groups, with row groups cut across eras, as one row group (two pages per column), and as one row group
/// with one page per column chunk (DuckDB's writer, as pyarrow before 22). Written once per test run.
/// </summary>
public sealed class TrainingLayouts : IDisposable
{
    private readonly TempWorkspace _workspace = new("np-lgbm-layouts-");

    public TrainingLayouts()
    {
        Write("parquetnet", SyntheticFormat.ParquetNet, 6000);
        Write("pyarrow-small-groups", SyntheticFormat.Pyarrow, 6000);
        Write("pyarrow-cut-groups", SyntheticFormat.Pyarrow, 11_111);
        Write("pyarrow-one-group", SyntheticFormat.Pyarrow, int.MaxValue);
        var onePage = Path.Combine(_workspace.Path, "duckdb-one-page", "v5.2");
        Directory.CreateDirectory(onePage);
        foreach (var file in new[] { "train.parquet", "validation.parquet" })
        {
            DuckDbParquet.Rewrite(File("pyarrow-one-group", file), Path.Combine(onePage, file), 1_000_000);
        }

        System.IO.File.Copy(File("pyarrow-one-group", "features.json"), Path.Combine(onePage, "features.json"));
    }

    public static TheoryData<string> Names => new("parquetnet", "pyarrow-small-groups", "pyarrow-cut-groups", "pyarrow-one-group", "duckdb-one-page");

    public string File(string layout, string file) => Path.Combine(_workspace.Path, layout, "v5.2", file);

    public void Dispose() => _workspace.Dispose();

    private void Write(string name, SyntheticFormat format, int rowGroupRows) =>
        SyntheticDataset.WriteAsync(new SyntheticDatasetOptions
        {
            TrainRows = 30_000,
            TrainEras = 60,
            ValidationEras = 12,
            UnlabelledValidationEras = 2,
            FeatureCount = 24,
            LiveRows = 100,
            Seed = 3,
            SignalStrength = 0.5,
            Format = format,
            RowGroupRows = rowGroupRows,
        }, Path.Combine(_workspace.Path, name)).GetAwaiter().GetResult();
}

[CollectionDefinition(Name)]
public sealed class TrainingLayoutCollection : ICollectionFixture<TrainingLayouts>
{
    public const string Name = "training layouts";
}
