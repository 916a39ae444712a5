using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Native;
using NumeraiPipeline.Numerai.Data.Engines;

namespace NumeraiPipeline.Numerai.Data.DuckDb;

/// <summary>
/// One streaming DuckDB query over some columns. DuckDB hands out chunks of 2048 rows holding every column, so the
/// batch keeps the chunks that some column has not read yet and frees them once every column has passed them.
/// </summary>
internal sealed unsafe class DuckDbColumnBatch : IColumnBatch
{
    private readonly DuckDbSource _source;
    private readonly IReadOnlyList<ParquetColumn> _columns;
    private readonly DuckDBPreparedStatement _statement;
    private readonly List<(DuckDBDataChunk Chunk, long Start, int Rows)> _chunks = [];
    private readonly long[] _position;
    private readonly DuckDBType[] _types;
    private DuckDBResult _result;
    private long _fetched;
    private bool _done;

    public DuckDbColumnBatch(DuckDbSource source, string sql, IReadOnlyList<ParquetColumn> columns)
    {
        _source = source;
        _columns = columns;
        _position = new long[columns.Count];
        if (NativeMethods.PreparedStatements.DuckDBPrepare(source.Connection.NativeConnection, sql, out _statement) != DuckDBState.Success)
        {
            var message = NativeMethods.PreparedStatements.DuckDBPrepareError(_statement);
            _statement.Dispose();
            throw Unreadable(message);
        }

        if (NativeMethods.PreparedStatements.DuckDBExecutePreparedStreaming(_statement, out _result) != DuckDBState.Success)
        {
            var message = NativeMethods.Query.DuckDBResultError(ref _result);
            NativeMethods.Query.DuckDBDestroyResult(ref _result);
            _statement.Dispose();
            throw Unreadable(message);
        }

        _types = new DuckDBType[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            _types[i] = NativeMethods.Query.DuckDBColumnType(ref _result, i);
        }
    }

    public bool ConcurrentColumns => false;

    public void ReadFeature(int i, Span<byte> destination)
    {
        RequireNumber(i);
        var name = _columns[i].Name;
        var path = _source.Path;
        foreach (var (data, valid, from, count, offset) in Read(i, destination.Length))
        {
            var d = destination.Slice(offset, count);
            for (var r = 0; r < count; r++)
            {
                var row = from + r;
                if (!Valid(valid, row))
                {
                    d[r] = DataBlock.MissingFeature;
                    continue;
                }

                d[r] = _types[i] switch
                {
                    DuckDBType.TinyInt => FeatureValues.FromInteger(((sbyte*)data)[row], name, path),
                    DuckDBType.SmallInt => FeatureValues.FromInteger(((short*)data)[row], name, path),
                    DuckDBType.Integer => FeatureValues.FromInteger(((int*)data)[row], name, path),
                    DuckDBType.BigInt => FeatureValues.FromInteger(((long*)data)[row], name, path),
                    DuckDBType.UnsignedTinyInt => FeatureValues.FromUnsigned(((byte*)data)[row], name, path),
                    DuckDBType.UnsignedSmallInt => FeatureValues.FromUnsigned(((ushort*)data)[row], name, path),
                    DuckDBType.UnsignedInteger => FeatureValues.FromUnsigned(((uint*)data)[row], name, path),
                    DuckDBType.UnsignedBigInt => FeatureValues.FromUnsigned(((ulong*)data)[row], name, path),
                    _ => FeatureValues.FromReal(Number(_types[i], data, row), name, path),
                };
            }
        }
    }

    public void ReadFloats(int i, Span<float> destination)
    {
        RequireNumber(i);
        foreach (var (data, valid, from, count, offset) in Read(i, destination.Length))
        {
            var d = destination.Slice(offset, count);
            for (var r = 0; r < count; r++)
            {
                var row = from + r;
                d[r] = !Valid(valid, row) ? float.NaN : _types[i] == DuckDBType.Float ? ((float*)data)[row] : (float)Number(_types[i], data, row);
            }
        }
    }

    public void ReadDoubles(int i, Span<double> destination)
    {
        RequireNumber(i);
        foreach (var (data, valid, from, count, offset) in Read(i, destination.Length))
        {
            var d = destination.Slice(offset, count);
            for (var r = 0; r < count; r++)
            {
                var row = from + r;
                d[r] = Valid(valid, row) ? Number(_types[i], data, row) : double.NaN;
            }
        }
    }

    public void ReadStrings(int i, Span<string> destination)
    {
        if (_types[i] != DuckDBType.Varchar)
        {
            throw new DataSchemaException(DataErrors.BadColumn, _columns[i].Name, _source.Path, $"has type {_columns[i].TypeName}, where a text column is expected");
        }

        foreach (var (data, valid, from, count, offset) in Read(i, destination.Length))
        {
            for (var r = 0; r < count; r++)
            {
                var row = from + r;
                if (!Valid(valid, row))
                {
                    destination[offset + r] = string.Empty;
                    continue;
                }

                // duckdb_string_t: a length, then the bytes inline (up to 12) or a 4-byte prefix and a pointer
                var s = (byte*)data + (16L * row);
                var length = *(uint*)s;
                var bytes = length <= 12 ? s + 4 : *(byte**)(s + 8);
                destination[offset + r] = length == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString(bytes, (int)length);
            }
        }
    }

    public void Dispose()
    {
        foreach (var (chunk, _, _) in _chunks)
        {
            chunk.Dispose();
        }

        _chunks.Clear();
        NativeMethods.Query.DuckDBDestroyResult(ref _result);
        _statement.Dispose();
    }

    private static bool Valid(nint validity, int row) => Valid((ulong*)validity, row);

    private void RequireNumber(int i)
    {
        if (_types[i] is not (DuckDBType.Double or DuckDBType.Float or DuckDBType.TinyInt or DuckDBType.SmallInt or DuckDBType.Integer or DuckDBType.BigInt
            or DuckDBType.UnsignedTinyInt or DuckDBType.UnsignedSmallInt or DuckDBType.UnsignedInteger or DuckDBType.UnsignedBigInt))
        {
            throw new DataSchemaException(DataErrors.BadColumn, _columns[i].Name, _source.Path, $"has DuckDB type {_types[i]}, which cannot be read as a number");
        }
    }

    private static bool Valid(ulong* validity, int row) => validity is null || (validity[row >> 6] & (1UL << (row & 63))) != 0;

    private static double Number(DuckDBType type, nint data, int row) => Number(type, (void*)data, row);

    private static double Number(DuckDBType type, void* data, int row) => type switch
    {
        DuckDBType.Double => ((double*)data)[row],
        DuckDBType.Float => ((float*)data)[row],
        DuckDBType.TinyInt => ((sbyte*)data)[row],
        DuckDBType.SmallInt => ((short*)data)[row],
        DuckDBType.Integer => ((int*)data)[row],
        DuckDBType.BigInt => ((long*)data)[row],
        DuckDBType.UnsignedTinyInt => ((byte*)data)[row],
        DuckDBType.UnsignedSmallInt => ((ushort*)data)[row],
        DuckDBType.UnsignedInteger => ((uint*)data)[row],
        DuckDBType.UnsignedBigInt => ((ulong*)data)[row],
        _ => throw new UnreachableException($"DuckDB type {type} is not a number type (RequireNumber checks the column first)"),
    };

    /// <summary>
    /// The chunk pieces holding the next <paramref name="rows"/> values of column <paramref name="i"/>: vector data,
    /// validity, first row in the chunk, rows, offset in the destination. Valid until the next read of any column.
    /// </summary>
    private List<(nint Data, nint Validity, int From, int Count, int Offset)> Read(int i, int rows)
    {
        var start = _position[i];
        var end = start + rows;
        if (_fetched < end)
        {
            Release();
        }

        while (_fetched < end && !_done)
        {
            Fetch();
        }

        if (_fetched < end)
        {
            throw new DataSchemaException(DataErrors.UnreadableFile, "parquet file", _source.Path, string.Create(CultureInfo.InvariantCulture, $"column '{_columns[i].Name}' ends after {_fetched} rows; {end} were expected"));
        }

        var pieces = new List<(nint, nint, int, int, int)>();
        var offset = 0;
        foreach (var (chunk, chunkStart, chunkRows) in _chunks)
        {
            var chunkEnd = chunkStart + chunkRows;
            if (chunkEnd <= start || chunkStart >= end)
            {
                continue;
            }

            var from = (int)(Math.Max(start, chunkStart) - chunkStart);
            var count = (int)(Math.Min(end, chunkEnd) - chunkStart) - from;
            var vector = NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, i);
            pieces.Add(((nint)NativeMethods.Vectors.DuckDBVectorGetData(vector), (nint)NativeMethods.Vectors.DuckDBVectorGetValidity(vector), from, count, offset));
            offset += count;
        }

        _position[i] = end;
        return pieces;
    }

    /// <summary>Frees the chunks every column has read past (called before fetching more).</summary>
    private void Release()
    {
        var done = _position.Min();
        while (_chunks.Count > 0 && _chunks[0].Start + _chunks[0].Rows <= done)
        {
            _chunks[0].Chunk.Dispose();
            _chunks.RemoveAt(0);
        }
    }

    private void Fetch()
    {
        var chunk = NativeMethods.StreamingResult.DuckDBStreamFetchChunk(_result);
        if (chunk.IsInvalid)
        {
            chunk.Dispose();
            var error = NativeMethods.Query.DuckDBResultError(ref _result);
            if (!string.IsNullOrEmpty(error))
            {
                throw Unreadable(error);
            }

            _done = true;
            return;
        }

        var rows = (int)NativeMethods.DataChunks.DuckDBDataChunkGetSize(chunk);
        if (rows == 0)
        {
            chunk.Dispose();
            _done = true;
            return;
        }

        _chunks.Add((chunk, _fetched, rows));
        _fetched += rows;
    }

    private DataSchemaException Unreadable(string? message) =>
        new(DataErrors.UnreadableFile, "parquet file", _source.Path, $"DuckDB: {DataSchemaException.Reason(message)}");
}
