
using ParquetSharp;

namespace NumeraiPipeline.Numerai.Data.Engines;

/// <summary>
/// One column chunk read sequentially with ParquetSharp's physical reader: packed non-null values plus definition
/// levels into reused buffers, then expanded into the caller's span (no nullable or boxed value per cell).
/// </summary>
internal sealed class ArrowColumn : IDisposable
{
    private readonly ColumnReader _reader;
    private readonly ParquetColumn _column;
    private readonly int _rowGroup;
    private readonly string _path;
    private readonly bool _nullable;
    private readonly short _maxDefinition;

    // Scratch buffers per thread, not per column: a read uses them only while it runs, and thousands of column readers
    // are open at once in a window (per-column buffers were 2 748 x 6 bytes x the window's rows of garbage per row group).
    [ThreadStatic]
    private static short[]? _definitions;

    [ThreadStatic]
    private static int[]? _ints;

    [ThreadStatic]
    private static long[]? _longs;

    [ThreadStatic]
    private static float[]? _floats;

    [ThreadStatic]
    private static double[]? _doubles;

    [ThreadStatic]
    private static ByteArray[]? _strings;

    public ArrowColumn(ColumnReader reader, ParquetColumn column, int rowGroup, string path)
    {
        _reader = reader;
        _column = column;
        _rowGroup = rowGroup;
        _path = path;
        var descriptor = reader.ColumnDescriptor;
        _maxDefinition = descriptor.MaxDefinitionLevel;
        _nullable = _maxDefinition > 0;
    }

    public static DataSchemaException Unreadable(string column, int rowGroup, string path, Exception ex) =>
        new(DataErrors.UnreadableFile, ex, "parquet file", path, $"column '{column}' of row group {rowGroup}: {ArrowSource.FirstLine(ex.Message)}");

    public void ReadFeature(Span<byte> destination)
    {
        var n = destination.Length;
        switch (_column.Kind)
        {
            case ColumnKind.Int8 or ColumnKind.UInt8 or ColumnKind.Int16 or ColumnKind.UInt16 or ColumnKind.Int32:
            {
                var values = Read((ColumnReader<int>)_reader, n, ref _ints);
                if (values == n)
                {
                    FeaturesFromInts(_ints!.AsSpan(0, n), destination);
                    return;
                }

                var k = 0;
                for (var r = 0; r < n; r++)
                {
                    destination[r] = _definitions![r] == _maxDefinition ? FeatureValues.FromInteger(_ints![k++], _column.Name, _path) : DataBlock.MissingFeature;
                }

                return;
            }

            case ColumnKind.UInt32:
            {
                Read((ColumnReader<int>)_reader, n, ref _ints);
                var k = 0;
                for (var r = 0; r < n; r++)
                {
                    destination[r] = Present(r) ? FeatureValues.FromUnsigned((uint)_ints![k++], _column.Name, _path) : DataBlock.MissingFeature;
                }

                return;
            }

            case ColumnKind.Int64 or ColumnKind.UInt64:
            {
                Read((ColumnReader<long>)_reader, n, ref _longs);
                var unsigned = _column.Kind == ColumnKind.UInt64;
                var k = 0;
                for (var r = 0; r < n; r++)
                {
                    if (!Present(r))
                    {
                        destination[r] = DataBlock.MissingFeature;
                        continue;
                    }

                    var v = _longs![k++];
                    destination[r] = unsigned ? FeatureValues.FromUnsigned((ulong)v, _column.Name, _path) : FeatureValues.FromInteger(v, _column.Name, _path);
                }

                return;
            }

            default:
            {
                var doubles = new double[n];
                ReadDoubles(doubles);
                for (var r = 0; r < n; r++)
                {
                    destination[r] = FeatureValues.FromReal(doubles[r], _column.Name, _path);
                }

                return;
            }
        }
    }

    public void ReadFloats(Span<float> destination)
    {
        var n = destination.Length;
        if (_column.Kind == ColumnKind.Float)
        {
            Read((ColumnReader<float>)_reader, n, ref _floats);
            var k = 0;
            for (var r = 0; r < n; r++)
            {
                destination[r] = Present(r) ? _floats![k++] : float.NaN;
            }

            return;
        }

        var doubles = new double[n];
        ReadDoubles(doubles);
        for (var r = 0; r < n; r++)
        {
            destination[r] = (float)doubles[r];
        }
    }

    public void ReadDoubles(Span<double> destination)
    {
        var n = destination.Length;
        var k = 0;
        switch (_column.Kind)
        {
            case ColumnKind.Double:
                Read((ColumnReader<double>)_reader, n, ref _doubles);
                for (var r = 0; r < n; r++)
                {
                    destination[r] = Present(r) ? _doubles![k++] : double.NaN;
                }

                return;
            case ColumnKind.Float:
                Read((ColumnReader<float>)_reader, n, ref _floats);
                for (var r = 0; r < n; r++)
                {
                    destination[r] = Present(r) ? _floats![k++] : double.NaN;
                }

                return;
            case ColumnKind.Int8 or ColumnKind.UInt8 or ColumnKind.Int16 or ColumnKind.UInt16 or ColumnKind.Int32:
                Read((ColumnReader<int>)_reader, n, ref _ints);
                for (var r = 0; r < n; r++)
                {
                    destination[r] = Present(r) ? _ints![k++] : double.NaN;
                }

                return;
            case ColumnKind.UInt32:
                Read((ColumnReader<int>)_reader, n, ref _ints);
                for (var r = 0; r < n; r++)
                {
                    destination[r] = Present(r) ? (uint)_ints![k++] : double.NaN;
                }

                return;
            case ColumnKind.Int64:
                Read((ColumnReader<long>)_reader, n, ref _longs);
                for (var r = 0; r < n; r++)
                {
                    destination[r] = Present(r) ? _longs![k++] : double.NaN;
                }

                return;
            case ColumnKind.UInt64:
                Read((ColumnReader<long>)_reader, n, ref _longs);
                for (var r = 0; r < n; r++)
                {
                    destination[r] = Present(r) ? (ulong)_longs![k++] : double.NaN;
                }

                return;
            default:
                throw new DataSchemaException(DataErrors.BadColumn, _column.Name, _path, $"has type {_column.TypeName}, which cannot be read as a number");
        }
    }

    public unsafe void ReadStrings(Span<string> destination)
    {
        if (_column.Kind != ColumnKind.String)
        {
            throw new DataSchemaException(DataErrors.BadColumn, _column.Name, _path, $"has type {_column.TypeName}, where a text column is expected");
        }

        // The values point into the reader's page buffers, valid until the next read: decode them batch by batch.
        const int Batch = 4096;
        var reader = (ColumnReader<ByteArray>)_reader;
        for (var start = 0; start < destination.Length; start += Batch)
        {
            var n = Math.Min(Batch, destination.Length - start);
            Read(reader, n, ref _strings);
            var k = 0;
            for (var r = 0; r < n; r++)
            {
                if (!Present(r))
                {
                    destination[start + r] = string.Empty;
                    continue;
                }

                var value = _strings![k++];
                destination[start + r] = value.Length == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString((byte*)value.Pointer, value.Length);
            }
        }
    }

    public void Dispose() => _reader.Dispose();

    private bool Present(int row) => !_nullable || _definitions![row] == _maxDefinition;

    private void FeaturesFromInts(ReadOnlySpan<int> values, Span<byte> destination)
    {
        // no nulls in this run: one range check per value on the fast path
        for (var r = 0; r < values.Length; r++)
        {
            var v = values[r];
            if ((uint)v > 254)
            {
                throw FeatureValues.OutOfRange(_column.Name, v.ToString(System.Globalization.CultureInfo.InvariantCulture), _path);
            }

            destination[r] = (byte)v;
        }
    }

    /// <summary>Reads the next <paramref name="rows"/> levels (into <c>_definitions</c>) and their packed values; returns the value count.</summary>
    private int Read<T>(ColumnReader<T> reader, int rows, ref T[]? buffer)
        where T : unmanaged
    {
        var values = buffer is null || buffer.Length < rows ? buffer = new T[rows] : buffer;
        if (_nullable && (_definitions is null || _definitions.Length < rows))
        {
            _definitions = new short[rows];
        }

        long levels = 0, read = 0;
        try
        {
            while (levels < rows)
            {
                var definitions = _nullable ? _definitions!.AsSpan((int)levels, rows - (int)levels) : default;
                var got = reader.ReadBatch(rows - levels, definitions, default, values.AsSpan((int)read), out var valuesRead);
                if (got == 0)
                {
                    throw new DataSchemaException(DataErrors.UnreadableFile, "parquet file", _path, $"column '{_column.Name}' of row group {_rowGroup} ends after {levels} of its rows");
                }

                levels += got;
                read += valuesRead;
            }
        }
        catch (ParquetException ex)
        {
            throw Unreadable(_column.Name, _rowGroup, _path, ex);
        }

        return (int)read;
    }
}
