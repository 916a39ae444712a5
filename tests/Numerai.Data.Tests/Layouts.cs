using NumeraiPipeline.Numerai.Data.DuckDb;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Numerai.Data.Tests;

/// <summary>
/// Small versions of the row-group layouts Numerai's files come in, written once per test run: the same synthetic data
/// as pyarrow writes it with small row groups, with row groups cut across eras (as pyarrow's 1 048 576-row groups cut),
/// as one row group (older pyarrow), as one row group with one page per column chunk (pyarrow before 22, rewritten by
/// DuckDB's writer), and as Parquet.Net writes it.
/// </summary>
public sealed class Layouts : IDisposable
{
    private readonly TempWorkspace _workspace = new("np-layouts-");

    public Layouts()
    {
        Options = new SyntheticDatasetOptions
        {
            TrainRows = 48_000,
            TrainEras = 120,
            ValidationEras = 10,
            UnlabelledValidationEras = 2,
            FeatureCount = 30,
            LiveRows = 300,
            Seed = 11,
            SignalStrength = 0.3,
        };
        Write("parquetnet", SyntheticFormat.ParquetNet, 4000);
        Write("pyarrow-small-groups", SyntheticFormat.Pyarrow, 4000);
        Write("pyarrow-cut-groups", SyntheticFormat.Pyarrow, 13_107);
        Write("pyarrow-one-group", SyntheticFormat.Pyarrow, int.MaxValue);
        var bigPages = Path.Combine(_workspace.Path, "duckdb-one-page", Options.Version);
        System.IO.Directory.CreateDirectory(bigPages);
        foreach (var file in new[] { "train.parquet", "validation.parquet", "live.parquet" })
        {
            DuckDbParquet.Rewrite(Path.Combine(Directory("pyarrow-one-group"), file), Path.Combine(bigPages, file), 1_000_000);
        }

        System.IO.File.Copy(Path.Combine(Directory("pyarrow-one-group"), "features.json"), Path.Combine(bigPages, "features.json"));
    }

    /// <summary>Every layout by name.</summary>
    public static TheoryData<string> Names => new("parquetnet", "pyarrow-small-groups", "pyarrow-cut-groups", "pyarrow-one-group", "duckdb-one-page");

    public SyntheticDatasetOptions Options { get; }

    public string Directory(string layout) => Path.Combine(_workspace.Path, layout, Options.Version);

    public string File(string layout, string file) => Path.Combine(Directory(layout), file);

    public void Dispose() => _workspace.Dispose();

    private void Write(string name, SyntheticFormat format, int rowGroupRows)
    {
        var options = new SyntheticDatasetOptions
        {
            TrainRows = Options.TrainRows,
            TrainEras = Options.TrainEras,
            ValidationEras = Options.ValidationEras,
            UnlabelledValidationEras = Options.UnlabelledValidationEras,
            FeatureCount = Options.FeatureCount,
            LiveRows = Options.LiveRows,
            Seed = Options.Seed,
            SignalStrength = Options.SignalStrength,
            Format = format,
            RowGroupRows = rowGroupRows,
        };
        SyntheticDataset.WriteAsync(options, Path.Combine(_workspace.Path, name)).GetAwaiter().GetResult();
    }
}

[CollectionDefinition(Name)]
public sealed class LayoutCollection : ICollectionFixture<Layouts>
{
    public const string Name = "layouts";
}
