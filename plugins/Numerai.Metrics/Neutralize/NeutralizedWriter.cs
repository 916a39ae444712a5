using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Neutralize;

/// <summary>
/// Writes the neutralized predictions in the layout of lightgbm.predict and ensemble: parquet with string <c>id</c>,
/// one double column per prediction column, <c>era</c>, and pandas metadata naming <c>id</c> as the index; and CSV
/// <c>id,&lt;columns&gt;</c> with round-trip numbers (numerai.submit reads its <c>prediction</c> column).
/// </summary>
internal static class NeutralizedWriter
{
    private const int RowGroupRows = 1_000_000;

    private const string PandasIndexMetadata =
        "{\"index_columns\": [\"id\"], \"column_indexes\": [], \"columns\": [], \"creator\": {\"library\": \"NumeraiPipeline\"}, \"pandas_version\": \"2.2.2\"}";

    public static async Task WriteParquetAsync(string path, string[] ids, IReadOnlyList<string> columns, double[][] values, string[] eras, CancellationToken cancellationToken)
    {
        var idField = new DataField<string>("id");
        var valueFields = columns.Select(c => new DataField<double>(c)).ToArray();
        var eraField = new DataField<string>("era");
        var schema = new ParquetSchema([idField, .. valueFields, eraField]);
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, null, false, cancellationToken);
        writer.CustomMetadata = new Dictionary<string, string> { ["pandas"] = PandasIndexMetadata };
        for (var start = 0; start < ids.Length || start == 0; start += RowGroupRows)
        {
            var count = Math.Min(RowGroupRows, ids.Length - start);
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync(idField, new ArraySegment<string>(ids, start, count));
            for (var c = 0; c < valueFields.Length; c++)
            {
                await rowGroup.WriteAsync<double>(valueFields[c], (ReadOnlyMemory<double>)values[c].AsMemory(start, count), null, null, cancellationToken);
            }

            await rowGroup.WriteAsync(eraField, new ArraySegment<string>(eras, start, count));
            if (ids.Length == 0)
            {
                break;
            }
        }
    }

    public static async Task WriteCsvAsync(string path, string[] ids, IReadOnlyList<string> columns, double[][] values, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        writer.NewLine = "\n";
        await writer.WriteLineAsync("id," + string.Join(',', columns));
        var line = new StringBuilder();
        for (var i = 0; i < ids.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            line.Clear().Append(ids[i]);
            foreach (var column in values)
            {
                line.Append(',');
                if (!double.IsNaN(column[i]))
                {
                    line.Append(column[i].ToString("R", CultureInfo.InvariantCulture));
                }
            }

            await writer.WriteLineAsync(line);
        }
    }
}
