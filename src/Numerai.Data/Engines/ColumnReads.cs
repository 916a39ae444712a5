using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Numerai.Data.Engines;

/// <summary>
/// Low-level Parquet.Net column reads of one row group into caller buffers. Numbers use Parquet.Net's raw path (packed
/// non-null values plus definition levels), so no nullable or boxed value is created per cell.
/// </summary>
internal sealed class ColumnReads
{
    private int[] _definitions = [];
    private sbyte[] _sbytes = [];
    private byte[] _bytes = [];
    private short[] _shorts = [];
    private int[] _ints = [];
    private long[] _longs = [];
    private float[] _floats = [];
    private double[] _doubles = [];

    public static bool IsNumeric(Type t) =>
        t == typeof(sbyte) || t == typeof(byte) || t == typeof(short) || t == typeof(ushort) || t == typeof(int)
        || t == typeof(uint) || t == typeof(long) || t == typeof(ulong) || t == typeof(float) || t == typeof(double);

    public static bool IsString(Type t) => t == typeof(string) || t == typeof(ReadOnlyMemory<char>);

    public static string[] ReadStrings(ParquetRowGroupReader rowGroup, DataField field, int rows, CancellationToken ct)
    {
        var values = new string?[rows];
        rowGroup.ReadAsync(field, values.AsMemory(), null, ct).AsTask().GetAwaiter().GetResult();
        for (var i = 0; i < rows; i++)
        {
            values[i] ??= string.Empty;
        }

        return values!;
    }

    /// <summary>Reads a numeric column as bytes (255 for null); a value outside 0..254 or not whole throws.</summary>
    public void ReadFeature(ParquetRowGroupReader rowGroup, DataField field, int rows, byte[] destination, string path, CancellationToken ct)
    {
        var defs = Definitions(field, rows);
        var t = field.ClrType;
        if (t == typeof(sbyte))
        {
            var values = Grow(ref _sbytes, rows);
            rowGroup.ReadRawAsync<sbyte>(field, values.AsMemory(0, rows), defs, null, ct).AsTask().GetAwaiter().GetResult();
            var k = 0;
            for (var i = 0; i < rows; i++)
            {
                if (defs is null || _definitions[i] != 0)
                {
                    var v = values[k++];
                    if (v < 0)
                    {
                        throw OutOfRange(field, v, path);
                    }

                    destination[i] = (byte)v;
                }
                else
                {
                    destination[i] = DataBlock.MissingFeature;
                }
            }

            return;
        }

        var doubles = new double[rows];
        ReadNumbers(rowGroup, field, rows, doubles, path, ct);
        for (var i = 0; i < rows; i++)
        {
            var v = doubles[i];
            if (double.IsNaN(v))
            {
                destination[i] = DataBlock.MissingFeature;
            }
            else if (v < 0 || v > 254 || v != Math.Floor(v))
            {
                throw OutOfRange(field, v, path);
            }
            else
            {
                destination[i] = (byte)v;
            }
        }
    }

    /// <summary>Reads a numeric column as floats (NaN for null).</summary>
    public void ReadFloats(ParquetRowGroupReader rowGroup, DataField field, int rows, float[] destination, string path, CancellationToken ct)
    {
        if (field.ClrType == typeof(float))
        {
            var defs = Definitions(field, rows);
            var values = Grow(ref _floats, rows);
            rowGroup.ReadRawAsync<float>(field, values.AsMemory(0, rows), defs, null, ct).AsTask().GetAwaiter().GetResult();
            Expand(values, defs is null ? null : _definitions, rows, destination, float.NaN);
            return;
        }

        var doubles = new double[rows];
        ReadNumbers(rowGroup, field, rows, doubles, path, ct);
        for (var i = 0; i < rows; i++)
        {
            destination[i] = (float)doubles[i];
        }
    }

    /// <summary>Reads any numeric column as doubles (NaN for null).</summary>
    public void ReadNumbers(ParquetRowGroupReader rowGroup, DataField field, int rows, double[] destination, string path, CancellationToken ct)
    {
        var defs = Definitions(field, rows);
        var d = defs is null ? null : _definitions;
        var t = field.ClrType;
        if (t == typeof(double))
        {
            Read(rowGroup, field, rows, ref _doubles, defs, ct);
            Expand(_doubles, d, rows, destination, double.NaN);
        }
        else if (t == typeof(float))
        {
            Read(rowGroup, field, rows, ref _floats, defs, ct);
            ExpandConvert(_floats, d, rows, destination, static v => v);
        }
        else if (t == typeof(sbyte))
        {
            Read(rowGroup, field, rows, ref _sbytes, defs, ct);
            ExpandConvert(_sbytes, d, rows, destination, static v => v);
        }
        else if (t == typeof(byte))
        {
            Read(rowGroup, field, rows, ref _bytes, defs, ct);
            ExpandConvert(_bytes, d, rows, destination, static v => v);
        }
        else if (t == typeof(short))
        {
            Read(rowGroup, field, rows, ref _shorts, defs, ct);
            ExpandConvert(_shorts, d, rows, destination, static v => v);
        }
        else if (t == typeof(int))
        {
            Read(rowGroup, field, rows, ref _ints, defs, ct);
            ExpandConvert(_ints, d, rows, destination, static v => v);
        }
        else if (t == typeof(long))
        {
            Read(rowGroup, field, rows, ref _longs, defs, ct);
            ExpandConvert(_longs, d, rows, destination, static v => v);
        }
        else
        {
            throw new DataSchemaException(DataErrors.BadColumn, field.Name, path, $"has type {t.Name}, which cannot be read as a number");
        }
    }

    private Memory<int>? Definitions(DataField field, int rows)
    {
        if (field.MaxDefinitionLevel == 0)
        {
            return null;
        }

        return Grow(ref _definitions, rows).AsMemory(0, rows);
    }

    private static void Read<T>(ParquetRowGroupReader rowGroup, DataField field, int rows, ref T[] buffer, Memory<int>? defs, CancellationToken ct)
        where T : struct
    {
        var values = Grow(ref buffer, rows);
        rowGroup.ReadRawAsync<T>(field, values.AsMemory(0, rows), defs, null, ct).AsTask().GetAwaiter().GetResult();
    }

    private static void Expand<T>(T[] packed, int[]? definitions, int rows, T[] destination, T missing)
    {
        if (definitions is null)
        {
            Array.Copy(packed, destination, rows);
            return;
        }

        var k = 0;
        for (var i = 0; i < rows; i++)
        {
            destination[i] = definitions[i] != 0 ? packed[k++] : missing;
        }
    }

    private static void ExpandConvert<T>(T[] packed, int[]? definitions, int rows, double[] destination, Func<T, double> convert)
    {
        var k = 0;
        for (var i = 0; i < rows; i++)
        {
            destination[i] = definitions is null || definitions[i] != 0 ? convert(packed[k++]) : double.NaN;
        }
    }

    private static T[] Grow<T>(ref T[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            buffer = new T[size];
        }

        return buffer;
    }

    private static DataSchemaException OutOfRange(DataField field, double value, string path) =>
        FeatureValues.OutOfRange(field.Name, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), path);
}
