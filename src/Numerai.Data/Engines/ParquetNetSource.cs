using System.Collections.Concurrent;
using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Numerai.Data.Engines;

/// <summary>
/// Parquet.Net (fully managed). It reads a column chunk whole, so a column is decoded on its first read and served
/// from memory after that; extra file handles let several threads decode different columns at once.
/// </summary>
internal sealed class ParquetNetSource : IParquetSource
{
    private readonly FileStream _stream;
    private readonly ParquetReader _reader;
    private readonly Dictionary<string, ParquetColumn> _columns = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Handle> _handles = [];

    private ParquetNetSource(string path, FileStream stream, ParquetReader reader)
    {
        Path = path;
        _stream = stream;
        _reader = reader;
        Fields = reader.Schema.DataFields.ToArray();
        TopLevelNames = reader.Schema.Fields.Select(f => f.Name).ToArray();
        var topLevel = reader.Schema.Fields.OfType<DataField>().ToArray();
        foreach (var field in topLevel)
        {
            _columns.TryAdd(field.Name, new ParquetColumn(field.Name, Array.IndexOf(Fields, field), Kind(field), field.ClrType.Name + (field.IsArray ? "[]" : string.Empty)));
        }

        RowCount = reader.Metadata?.NumRows ?? 0;
        RowGroupRows = Enumerable.Range(0, reader.RowGroupCount).Select(g => reader.OpenRowGroupReader(g).RowCount).ToArray();
        _handles.Add(new Handle(null, reader));
    }

    public string Path { get; }

    public string EngineName => "Parquet.Net";

    public IReadOnlyList<string> TopLevelNames { get; }

    public IReadOnlyDictionary<string, ParquetColumn> Columns => _columns;

    public long RowCount { get; }

    public IReadOnlyList<long> RowGroupRows { get; }

    internal DataField[] Fields { get; }

    /// <exception cref="DataSchemaException">NP6601 when the file is missing or not parquet.</exception>
    public static ParquetNetSource Open(string path)
    {
        FileStream? stream = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var reader = ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true).GetAwaiter().GetResult();
            return new ParquetNetSource(path, stream, reader);
        }
        catch (Exception ex) when (IsReadError(ex))
        {
            stream?.Dispose();
            throw new DataSchemaException(DataErrors.UnreadableFile, ex, "parquet file", path, DataSchemaException.Reason(ex.Message));
        }
    }

    public string? KeyValue(string key) => _reader.CustomMetadata is not null && _reader.CustomMetadata.TryGetValue(key, out var value) ? value : null;

    public long[] ChunkBytes(int rowGroup, IReadOnlyList<ParquetColumn> columns)
    {
        var chunks = _reader.Metadata!.RowGroups[rowGroup].Columns;
        return columns.Select(c => chunks[c.Index].MetaData is { } m ? m.TotalCompressedSize + m.TotalUncompressedSize : 0).ToArray();
    }

    public IColumnBatch Open(int rowGroup, IReadOnlyList<ParquetColumn> columns) => new ParquetNetColumnBatch(this, rowGroup, columns);

    public void Dispose()
    {
        while (_handles.TryTake(out var handle))
        {
            handle.Dispose();
        }

        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }

    /// <summary>
    /// Whether an exception from Parquet.Net means the file cannot be read: Parquet.Net reports damaged files with many
    /// types (its own, Thrift's, IO, index and cast errors), so everything but cancellation and our own coded errors.
    /// </summary>
    internal static bool IsReadError(Exception ex) => ex is not (OperationCanceledException or OutOfMemoryException or DataSchemaException);

    /// <summary>Runs a decode on a file handle of its own (the shared one, or a new one when it is busy).</summary>
    internal T WithHandle<T>(Func<ParquetReader, ColumnReads, T> decode)
    {
        if (!_handles.TryTake(out var handle))
        {
            var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            try
            {
                handle = new Handle(stream, ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true).GetAwaiter().GetResult());
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        try
        {
            return decode(handle.Reader, handle.Columns);
        }
        finally
        {
            _handles.Add(handle);
        }
    }

    private static ColumnKind Kind(DataField field)
    {
        if (field.IsArray)
        {
            return ColumnKind.Other;
        }

        var t = field.ClrType;
        return t == typeof(string) || t == typeof(ReadOnlyMemory<char>) ? ColumnKind.String
            : t == typeof(sbyte) ? ColumnKind.Int8
            : t == typeof(byte) ? ColumnKind.UInt8
            : t == typeof(short) ? ColumnKind.Int16
            : t == typeof(ushort) ? ColumnKind.UInt16
            : t == typeof(int) ? ColumnKind.Int32
            : t == typeof(uint) ? ColumnKind.UInt32
            : t == typeof(long) ? ColumnKind.Int64
            : t == typeof(ulong) ? ColumnKind.UInt64
            : t == typeof(float) ? ColumnKind.Float
            : t == typeof(double) ? ColumnKind.Double
            : ColumnKind.Other;
    }

    private sealed class Handle(FileStream? stream, ParquetReader reader) : IDisposable
    {
        public ParquetReader Reader { get; } = reader;

        public ColumnReads Columns { get; } = new();

        public void Dispose()
        {
            if (stream is not null)
            {
                Reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
                stream.Dispose();
            }
        }
    }
}
