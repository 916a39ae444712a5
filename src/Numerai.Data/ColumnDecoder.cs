using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Numerai.Data;

/// <summary>
/// One decoding worker: its own file handle, Parquet.Net reader and buffers, so several workers can decode
/// different feature columns of the same row group at the same time.
/// </summary>
internal sealed class ColumnDecoder : IDisposable
{
    private readonly FileStream? _stream;
    private readonly ParquetReader _reader;
    private readonly bool _ownsReader;
    private readonly Dictionary<string, DataField> _fields;
    private readonly ColumnReads _columns = new();
    private ParquetRowGroupReader? _rowGroup;
    private int _rowGroupIndex = -1;

    public ColumnDecoder(ParquetReader shared)
    {
        _reader = shared;
        _fields = Fields(shared);
    }

    private ColumnDecoder(FileStream stream, ParquetReader reader)
    {
        _stream = stream;
        _reader = reader;
        _ownsReader = true;
        _fields = Fields(reader);
    }

    public static ColumnDecoder OpenExtra(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return new ColumnDecoder(stream, ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true).GetAwaiter().GetResult());
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public void Decode(int rowGroup, string column, int rows, byte[] destination, string path, CancellationToken ct)
    {
        if (_rowGroupIndex != rowGroup)
        {
            _rowGroup = _reader.OpenRowGroupReader(rowGroup);
            _rowGroupIndex = rowGroup;
        }

        _columns.ReadFeature(_rowGroup!, _fields[column], rows, destination, path, ct);
    }

    public void Dispose()
    {
        if (_ownsReader)
        {
            _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _stream?.Dispose();
        }
    }

    private static Dictionary<string, DataField> Fields(ParquetReader reader)
    {
        var fields = new Dictionary<string, DataField>(StringComparer.Ordinal);
        foreach (var field in reader.Schema.Fields.OfType<DataField>())
        {
            fields.TryAdd(field.Name, field);
        }

        return fields;
    }
}
