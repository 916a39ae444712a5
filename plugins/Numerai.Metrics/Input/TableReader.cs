using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Input;

/// <summary>Reads only the needed columns of a parquet (Numerai.Data's reader) or CSV file, by file extension.</summary>
internal static class TableReader
{
    /// <summary>Reads ids, eras, the target (as double) and the features of the scored data.</summary>
    public static ColumnTable ReadData(string path, string target, IReadOnlyList<string>? features, CancellationToken cancellationToken)
    {
        Exists(path, "data");
        if (IsCsv(path))
        {
            return CsvTableReader.Read(path, "data", [target], era: true, features);
        }

        using var reader = NumeraiParquetReader.Open(path);
        var missing = new[] { "era", target }.Concat(features ?? []).Where(c => !reader.HasColumn(c)).ToList();
        if (reader.IdColumn is null)
        {
            missing.Insert(0, "id");
        }

        if (missing.Count > 0)
        {
            throw MetricsErrors.MissingColumn.Exception(
                "data",
                Path.GetFileName(path),
                $"the column(s) {string.Join(", ", missing.Take(8).Select(m => $"'{m}'"))}{(missing.Count > 8 ? $" and {missing.Count - 8} more" : "")}",
                "Check the target and feature_set options (and that the file is Numerai data with id and era).");
        }

        var p = features?.Count ?? 0;
        var spec = new ReadSpec
        {
            Features = features ?? [],
            IncludeIds = true,
            MaxRowsPerBlock = p == 0 ? null : Math.Max(1, 1_000_000_000 / p),
        };
        var ids = new List<string>((int)Math.Min(reader.RowCount, int.MaxValue));
        var eras = new List<string>(ids.Capacity);
        var blocks = new List<byte[]>();
        foreach (var block in reader.ReadBlocks(spec, cancellationToken))
        {
            if (p > 0)
            {
                // a missing value (255) or one above Numerai's range, which the scoring's integer kernels cannot take
                var bad = block.Features.AsSpan().IndexOfAnyInRange((byte)128, byte.MaxValue);
                if (bad >= 0)
                {
                    var value = block.Features[bad];
                    throw MetricsErrors.BadFeatureValue.Exception(
                        "data",
                        Path.GetFileName(path),
                        features![bad % p],
                        value == DataBlock.MissingFeature ? "missing" : value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        $"row {ids.Count + (bad / p)} (era {block.Eras[bad / p]})");
                }

                blocks.Add(block.Features);
            }

            ids.AddRange(block.Ids);
            eras.AddRange(block.Eras);
        }

        var targetValues = reader.ReadNumberColumn(target, cancellationToken);
        var table = new ColumnTable
        {
            Ids = [.. ids],
            Eras = [.. eras],
            Features = p == 0 ? null : new NumeraiPipeline.Numerai.Scoring.FeatureMatrix(p, blocks),
            FeatureNames = features ?? [],
        };
        table.Numbers[target] = targetValues;
        return table;
    }

    /// <summary>Reads id and one value column (predictions, meta model, benchmark), parquet or CSV.</summary>
    public static Predictions ReadValues(string path, string what, string column)
    {
        Exists(path, what);
        return PredictionsFile.Read(path, column);
    }

    /// <summary>The column names of the file.</summary>
    public static IReadOnlyList<string> Columns(string path)
    {
        if (IsCsv(path))
        {
            return (File.ReadLines(path).FirstOrDefault() ?? "").Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        }

        using var reader = NumeraiParquetReader.Open(path);
        return reader.Columns;
    }

    private static void Exists(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw MetricsErrors.InputUnreadable.Exception(what, path, "does not exist");
        }
    }

    private static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
}
