using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Numerai.Data;

/// <summary>
/// Reads and writes prediction files: parquet (string <c>id</c> + double value column, pandas metadata naming
/// <c>id</c> as index) or CSV (<c>id,prediction</c>, round-trip precision, invariant culture).
/// The format follows the extension: <c>.csv</c> is CSV, anything else parquet.
/// </summary>
public static class PredictionsFile
{
    /// <summary>The default value column name.</summary>
    public const string PredictionColumn = "prediction";

    private static readonly string[] ReservedColumns = ["id", NumeraiParquetReader.EraColumn, NumeraiParquetReader.DataTypeColumn];

    /// <summary>
    /// Reads a predictions file. The value column is <paramref name="column"/> when given, else <c>prediction</c>,
    /// else <c>probability</c>, else (parquet) the only numeric column.
    /// </summary>
    /// <exception cref="DataSchemaException">NP6601 unreadable, NP6602 no value/id column, NP6605 malformed CSV.</exception>
    public static Predictions Read(string path, string? column = null) =>
        IsCsv(path) ? ReadCsv(path, column) : ReadParquet(path, column);

    /// <summary>Writes predictions to exactly <paramref name="path"/> (parquet, or CSV for a <c>.csv</c> path).</summary>
    public static void Write(string path, IReadOnlyList<string> ids, IReadOnlyList<double> values, string column = PredictionColumn)
    {
        if (IsCsv(path))
        {
            WriteCsv(path, ids, values, column);
        }
        else
        {
            WriteParquet(path, ids, values, column);
        }
    }

    /// <summary>Writes <c>id,&lt;column&gt;</c> CSV with round-trip ("R") invariant numbers to exactly <paramref name="path"/>.</summary>
    public static void WriteCsv(string path, IReadOnlyList<string> ids, IReadOnlyList<double> values, string column = PredictionColumn)
    {
        CheckLengths(ids, values);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        writer.NewLine = "\n";
        writer.WriteLine($"id,{column}");
        for (var i = 0; i < ids.Count; i++)
        {
            writer.Write(ids[i]);
            writer.Write(',');
            writer.WriteLine(values[i].ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Writes a parquet file (string <c>id</c>, double value column, and <c>era</c> when <paramref name="eras"/> is
    /// given; pandas index metadata) to exactly <paramref name="path"/>.
    /// </summary>
    public static void WriteParquet(string path, IReadOnlyList<string> ids, IReadOnlyList<double> values, string column = PredictionColumn, IReadOnlyList<string>? eras = null)
    {
        CheckLengths(ids, values);
        if (eras is not null && eras.Count != ids.Count)
        {
            throw new ArgumentException($"ids ({ids.Count}) and eras ({eras.Count}) differ in length.", nameof(eras));
        }

        var idField = new DataField<string>("id");
        var valueField = new DataField<double>(column);
        var eraField = new DataField<string>(NumeraiParquetReader.EraColumn);
        var schema = eras is null ? new ParquetSchema(idField, valueField) : new ParquetSchema(idField, valueField, eraField);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        var writer = ParquetWriter.CreateAsync(schema, stream).GetAwaiter().GetResult();
        try
        {
            writer.CustomMetadata = new Dictionary<string, string> { ["pandas"] = PandasMetadata.IndexOnly("id") };
            const int RowGroupRows = 1_000_000;
            for (var start = 0; start < ids.Count || start == 0; start += RowGroupRows)
            {
                var n = Math.Min(RowGroupRows, ids.Count - start);
                using var rowGroup = writer.CreateRowGroup();
                rowGroup.WriteAsync(idField, Slice(ids, start, n)).GetAwaiter().GetResult();
                rowGroup.WriteAsync<double>(valueField, Slice(values, start, n)).GetAwaiter().GetResult();
                if (eras is not null)
                {
                    rowGroup.WriteAsync(eraField, Slice(eras, start, n)).GetAwaiter().GetResult();
                }

                if (ids.Count == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static T[] Slice<T>(IReadOnlyList<T> source, int start, int count)
    {
        var result = new T[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = source[start + i];
        }

        return result;
    }

    private static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    private static void CheckLengths(IReadOnlyList<string> ids, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(values);
        if (ids.Count != values.Count)
        {
            throw new ArgumentException($"ids ({ids.Count}) and values ({values.Count}) differ in length.", nameof(values));
        }
    }

    private static Predictions ReadParquet(string path, string? column)
    {
        using var reader = NumeraiParquetReader.Open(path);
        if (reader.IdColumn is null)
        {
            throw new DataSchemaException(DataErrors.MissingColumns, string.Empty, path, $"a text 'id' column (its columns: {string.Join(", ", reader.Columns)})", "Write the ids of a predictions file as an 'id' column.", string.Empty);
        }

        var valueColumn = column;
        if (valueColumn is null)
        {
            if (reader.HasColumn(PredictionColumn))
            {
                valueColumn = PredictionColumn;
            }
            else if (reader.HasColumn("probability"))
            {
                valueColumn = "probability";
            }
            else
            {
                var candidates = reader.Columns.Where(c => !ReservedColumns.Contains(c) && c != reader.IdColumn).ToList();
                if (candidates.Count != 1)
                {
                    throw new DataSchemaException(DataErrors.MissingColumns, string.Empty, path, $"a 'prediction' column, and has {candidates.Count} other value columns ({string.Join(", ", candidates)})", "Name the prediction column to read.", string.Empty);
                }

                valueColumn = candidates[0];
            }
        }

        return new Predictions(reader.ReadStringColumn(reader.IdColumn), reader.ReadNumberColumn(valueColumn));
    }

    private static Predictions ReadCsv(string path, string? column)
    {
        IEnumerable<string> lines;
        try
        {
            lines = File.ReadLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataSchemaException(DataErrors.UnreadableFile, ex, "predictions CSV", path, DataSchemaException.Reason(ex.Message));
        }

        var ids = new List<string>();
        var values = new List<double>();
        int idIndex = -1, valueIndex = -1, lineNumber = 0;
        foreach (var raw in lines)
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (lineNumber == 1)
            {
                var header = line.TrimStart('\uFEFF').Split(',').Select(h => h.Trim().Trim('"')).ToList();
                idIndex = header.IndexOf("id");
                valueIndex = column is not null ? header.IndexOf(column)
                    : header.IndexOf(PredictionColumn) >= 0 ? header.IndexOf(PredictionColumn) : header.IndexOf("probability");
                if (idIndex < 0 || valueIndex < 0)
                {
                    throw new DataSchemaException(DataErrors.BadPredictions, path, $"the header is '{line}', not 'id,{column ?? PredictionColumn}'");
                }

                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length <= Math.Max(idIndex, valueIndex))
            {
                throw new DataSchemaException(DataErrors.BadPredictions, $"{path}({lineNumber})", $"expected {Math.Max(idIndex, valueIndex) + 1} fields, found {parts.Length}");
            }

            var id = parts[idIndex].Trim().Trim('"');
            var text = parts[valueIndex].Trim().Trim('"');
            if (id.Length == 0)
            {
                throw new DataSchemaException(DataErrors.BadPredictions, $"{path}({lineNumber})", "the id is empty");
            }

            double value;
            if (text.Length == 0 || text.Equals("nan", StringComparison.OrdinalIgnoreCase))
            {
                value = double.NaN;
            }
            else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                throw new DataSchemaException(DataErrors.BadPredictions, $"{path}({lineNumber})", $"'{text}' is not a number");
            }

            ids.Add(id);
            values.Add(value);
        }

        if (lineNumber == 0)
        {
            throw new DataSchemaException(DataErrors.BadPredictions, path, "the file is empty");
        }

        return new Predictions(ids.ToArray(), values.ToArray());
    }
}
