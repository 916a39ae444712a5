using ParquetSharp;

namespace NumeraiPipeline.Numerai.Data.Engines;

/// <summary>
/// Column readers of one row group through ParquetSharp. Each column's reader opens on its first read (on the thread
/// that reads it), so a batch over many columns holds only the chunks read so far.
/// </summary>
internal sealed class ArrowColumnBatch : IColumnBatch
{
    private readonly RowGroupReader _rowGroup;
    private readonly int _rowGroupIndex;
    private readonly IReadOnlyList<ParquetColumn> _columns;
    private readonly string _path;
    private readonly ArrowColumn?[] _readers;
    private readonly Lock _open = new();

    public ArrowColumnBatch(RowGroupReader rowGroup, int rowGroupIndex, IReadOnlyList<ParquetColumn> columns, string path)
    {
        _rowGroup = rowGroup;
        _rowGroupIndex = rowGroupIndex;
        _columns = columns;
        _path = path;
        _readers = new ArrowColumn?[columns.Count];
    }

    public bool ConcurrentColumns => true;

    public void ReadFeature(int i, Span<byte> destination) => Reader(i).ReadFeature(destination);

    public void ReadFloats(int i, Span<float> destination) => Reader(i).ReadFloats(destination);

    public void ReadDoubles(int i, Span<double> destination) => Reader(i).ReadDoubles(destination);

    public void ReadStrings(int i, Span<string> destination) => Reader(i).ReadStrings(destination);

    public void Dispose()
    {
        foreach (var reader in _readers)
        {
            reader?.Dispose();
        }

        _rowGroup.Dispose();
    }

    private ArrowColumn Reader(int i)
    {
        if (_readers[i] is { } reader)
        {
            return reader;
        }

        var column = _columns[i];
        ColumnReader native;
        try
        {
            lock (_open)
            {
                native = _rowGroup.Column(column.Index);
            }
        }
        catch (ParquetException ex)
        {
            throw ArrowColumn.Unreadable(column.Name, _rowGroupIndex, _path, ex);
        }

        return _readers[i] = new ArrowColumn(native, column, _rowGroupIndex, _path);
    }
}
