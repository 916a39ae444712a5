using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>Writes predictions as parquet (id, prediction[, era]) and as CSV (<c>id,prediction</c>, round-trip precision).</summary>
internal static class PredictionWriter
{
    private const int RowGroupRows = 500_000;

    public static async Task WriteParquetAsync(Stream stream, string[] ids, double[] predictions, string[]? eras, CancellationToken cancellationToken)
    {
        var idField = new DataField<string>("id");
        var predictionField = new DataField<double>("prediction");
        var eraField = new DataField<string>("era");
        var schema = eras is null ? new ParquetSchema(idField, predictionField) : new ParquetSchema(idField, predictionField, eraField);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, null, false, cancellationToken);
        for (var start = 0; start < ids.Length || start == 0; start += RowGroupRows)
        {
            var n = Math.Min(RowGroupRows, ids.Length - start);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(idField, new ArraySegment<string>(ids, start, n));
            await group.WriteAsync<double>(predictionField, (ReadOnlyMemory<double>)predictions.AsMemory(start, n), null, null, cancellationToken);
            if (eras is not null)
            {
                await group.WriteAsync(eraField, new ArraySegment<string>(eras, start, n));
            }

            if (ids.Length == 0)
            {
                break;
            }
        }
    }

    public static async Task WriteCsvAsync(Stream stream, string[] ids, double[] predictions, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        writer.NewLine = "\n";
        await writer.WriteLineAsync("id,prediction");
        for (var i = 0; i < ids.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            await writer.WriteAsync(ids[i]);
            await writer.WriteAsync(',');
            await writer.WriteLineAsync(predictions[i].ToString("R", CultureInfo.InvariantCulture));
        }
    }
}
