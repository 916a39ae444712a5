using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Data.DuckDb;

namespace NumeraiPipeline.Scale.Bench;

/// <summary>Each reader's full scan of the features (row-major int8 blocks, what training and prediction consume).</summary>
internal static class Readers
{
    public static readonly string[] Engines = ["arrow", "parquetnet", "duckdb"];

    /// <param name="mode"><c>rows</c>: whole rows; <c>strips</c>: column strips under 256 MiB (the training push);
    /// <c>sample</c>: 10 000 rows spread over the file, column chunk by column chunk (the bin sample).</param>
    public static void Scan(string directory, string engine, int threads, string mode) => Measured.Report(() =>
    {
        var features = FeatureMetadata.Load(Path.Combine(directory, "features.json")).Resolve("all");
        var file = Path.Combine(directory, "train.parquet");
        using var reader = engine switch
        {
            "arrow" => NumeraiParquetReader.Open(file, ParquetEngine.Arrow),
            "parquetnet" => NumeraiParquetReader.Open(file, ParquetEngine.ParquetNet),
            _ => DuckDbReader.Open(file, threads),
        };
        var spec = new ReadSpec { Features = features, Target = "target", IncludeIds = false, DecodeThreads = threads, ReuseFeatureBuffer = true };
        if (mode == "sample")
        {
            var rows = reader.RowCount;
            var picked = Enumerable.Range(0, 10_000).Select(i => i * rows / 10_000).Distinct().ToArray();
            var block = reader.ReadRows(spec, picked);
            return $"{block.RowCount} rows sampled";
        }

        long values = 0, checksum = 0;
        foreach (var block in reader.ReadBlocks(mode == "strips" ? spec with { FeatureStripBytes = 256L << 20 } : spec))
        {
            values += (long)block.RowCount * block.FeatureCount;
            checksum += block.Features[(block.RowCount * block.FeatureCount) - 1];
        }

        return $"{values / 1e9:F2} G values";
    });
}
