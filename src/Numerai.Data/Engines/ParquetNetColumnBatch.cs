namespace NumeraiPipeline.Numerai.Data.Engines;

/// <summary>Columns of one row group through Parquet.Net: each column chunk is decoded whole on its first read, then served in order.</summary>
internal sealed class ParquetNetColumnBatch(ParquetNetSource source, int rowGroup, IReadOnlyList<ParquetColumn> columns) : IColumnBatch
{
    private readonly Array?[] _decoded = new Array?[columns.Count];
    private readonly int[] _position = new int[columns.Count];
    private readonly int _rows = checked((int)source.RowGroupRows[rowGroup]);

    public bool ConcurrentColumns => true;

    public void ReadFeature(int i, Span<byte> destination) =>
        Next(i, destination, (reader, reads, field, rows) =>
        {
            var values = new byte[rows];
            reads.ReadFeature(reader.OpenRowGroupReader(rowGroup), field, rows, values, source.Path, CancellationToken.None);
            return values;
        });

    public void ReadFloats(int i, Span<float> destination) =>
        Next(i, destination, (reader, reads, field, rows) =>
        {
            var values = new float[rows];
            reads.ReadFloats(reader.OpenRowGroupReader(rowGroup), field, rows, values, source.Path, CancellationToken.None);
            return values;
        });

    public void ReadDoubles(int i, Span<double> destination) =>
        Next(i, destination, (reader, reads, field, rows) =>
        {
            var values = new double[rows];
            reads.ReadNumbers(reader.OpenRowGroupReader(rowGroup), field, rows, values, source.Path, CancellationToken.None);
            return values;
        });

    public void ReadStrings(int i, Span<string> destination) =>
        Next(i, destination, (reader, _, field, rows) => ColumnReads.ReadStrings(reader.OpenRowGroupReader(rowGroup), field, rows, CancellationToken.None));

    public void Dispose() => Array.Clear(_decoded);

    private void Next<T>(int i, Span<T> destination, Func<Parquet.ParquetReader, ColumnReads, Parquet.Schema.DataField, int, T[]> decode)
    {
        if (_decoded[i] is not T[] values)
        {
            var field = source.Fields[columns[i].Index];
            try
            {
                values = source.WithHandle((reader, reads) => decode(reader, reads, field, _rows));
            }
            catch (Exception ex) when (ex is not DataSchemaException && ParquetNetSource.IsReadError(ex))
            {
                throw new DataSchemaException(DataErrors.UnreadableFile, ex, "parquet file", source.Path, $"column '{field.Name}' of row group {rowGroup}: {DataSchemaException.Reason(ex.Message)}");
            }

            _decoded[i] = values;
        }

        values.AsSpan(_position[i], destination.Length).CopyTo(destination);
        _position[i] += destination.Length;
        if (_position[i] == _rows)
        {
            _decoded[i] = null; // served completely: let it go
        }
    }
}
