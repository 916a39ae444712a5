using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.Numerai.Metrics.Input;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Neutralize;

/// <summary>The predictions to neutralize: ids (unique) and one or more value columns, in the file's row order.</summary>
internal sealed class PredictionTable
{
    private static readonly string[] NonValueColumns = ["id", NumeraiParquetReader.EraColumn, NumeraiParquetReader.DataTypeColumn, "__index_level_0__"];

    private PredictionTable(string[] ids, IReadOnlyList<string> columns, double[][] values)
    {
        Ids = ids;
        Columns = columns;
        Values = values;
    }

    /// <summary>Row ids.</summary>
    public string[] Ids { get; }

    /// <summary>The value columns read, in the order asked (or of the file).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Values[c][row] (NaN where missing).</summary>
    public double[][] Values { get; }

    /// <summary>Rows.</summary>
    public int Rows => Ids.Length;

    /// <summary>Reads <paramref name="requested"/> (or every value column) of a parquet or CSV predictions file.</summary>
    public static PredictionTable Read(string path, IReadOnlyList<string> requested, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw MetricsErrors.InputUnreadable.Exception("predictions", path, "does not exist");
        }

        var name = Path.GetFileName(path);
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            var columns = requested.Count > 0 ? requested : ValueColumns(TableReader.Columns(path), null, name);
            var table = CsvTableReader.Read(path, "predictions", columns);
            return new PredictionTable(table.Ids, columns, [.. columns.Select(c => table.Numbers[c])]);
        }

        using var reader = NumeraiParquetReader.Open(path);
        if (reader.IdColumn is null)
        {
            throw MetricsErrors.MissingColumn.Exception("predictions", name, $"a string 'id' column (columns: {string.Join(", ", reader.Columns.Take(12))})", "Write the ids as an 'id' column.");
        }

        var chosen = requested.Count > 0 ? requested : ValueColumns(reader.Columns, reader.IdColumn, name);
        var missing = chosen.Where(c => !reader.HasColumn(c)).ToList();
        if (missing.Count > 0)
        {
            throw MetricsErrors.MissingColumn.Exception(
                "predictions",
                name,
                $"the column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} (value columns: {string.Join(", ", ValueColumns(reader.Columns, reader.IdColumn, name))})",
                "Check 'prediction_columns'.");
        }

        var ids = reader.ReadStringColumn(reader.IdColumn, cancellationToken);
        var values = chosen.Select(c => reader.ReadNumberColumn(c, cancellationToken)).ToArray();
        return new PredictionTable(ids, chosen, values);
    }

    /// <summary>Row of each id; throws NP6232 on a repeated id.</summary>
    public Dictionary<string, int> IndexById(string fileName)
    {
        var index = new Dictionary<string, int>(Ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < Ids.Length; i++)
        {
            if (!index.TryAdd(Ids[i], i))
            {
                throw NeutralizeErrors.DuplicateId.Exception(Ids[i], "predictions", fileName);
            }
        }

        return index;
    }

    private static List<string> ValueColumns(IReadOnlyList<string> columns, string? idColumn, string name)
    {
        var values = columns.Where(c => !NonValueColumns.Contains(c, StringComparer.Ordinal) && c != idColumn).ToList();
        return values.Count > 0
            ? values
            : throw MetricsErrors.MissingColumn.Exception("predictions", name, $"a value column besides {string.Join(", ", columns)}", "Give a file with id and at least one prediction column.");
    }
}
