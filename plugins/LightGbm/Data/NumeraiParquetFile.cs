using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Plugins.LightGbm.Data;

/// <summary>
/// Reads columns of a Numerai parquet file row group by row group: strings (id, era, data_type), float targets and
/// int8 features into row-major bytes (null → 255) through Parquet.Net's raw path (packed values plus definition
/// levels, reused buffers).
/// </summary>
internal sealed class NumeraiParquetFile : IDisposable
{
    private readonly FileStream stream;
    private readonly ParquetReader reader;
    private readonly Dictionary<string, DataField> fields;
    private sbyte[] rawBuffer = [];
    private int[] levelBuffer = [];

    private NumeraiParquetFile(string path, FileStream stream, ParquetReader reader)
    {
        Path = path;
        this.stream = stream;
        this.reader = reader;
        fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        RowGroupRows = new int[reader.RowGroupCount];
        for (var i = 0; i < RowGroupRows.Length; i++)
        {
            using var rg = reader.OpenRowGroupReader(i);
            RowGroupRows[i] = checked((int)rg.RowCount);
        }
    }

    public string Path { get; }

    /// <summary>Rows of each row group.</summary>
    public int[] RowGroupRows { get; }

    public IEnumerable<string> Columns => fields.Keys;

    public static NumeraiParquetFile Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        try
        {
            var reader = ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true).GetAwaiter().GetResult();
            return new NumeraiParquetFile(path, stream, reader);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public bool HasColumn(string name) => fields.ContainsKey(name);

    public string?[] ReadStrings(int rowGroup, string column)
    {
        using var rg = reader.OpenRowGroupReader(rowGroup);
        var values = new string?[RowGroupRows[rowGroup]];
        rg.ReadAsync(fields[column], values.AsMemory()!, null, CancellationToken.None).GetAwaiter().GetResult();
        return values;
    }

    /// <summary>A float column (float or double in the file); null → NaN.</summary>
    public float[] ReadFloats(int rowGroup, string column)
    {
        using var rg = reader.OpenRowGroupReader(rowGroup);
        var field = fields[column];
        var n = RowGroupRows[rowGroup];
        var result = new float[n];
        if (field.ClrType == typeof(double))
        {
            var values = new double?[n];
            rg.ReadAsync(field, values.AsMemory(), null, CancellationToken.None).GetAwaiter().GetResult();
            for (var i = 0; i < n; i++)
            {
                result[i] = values[i] is { } v ? (float)v : float.NaN;
            }
        }
        else if (field.ClrType == typeof(float))
        {
            var values = new float?[n];
            rg.ReadAsync(field, values.AsMemory(), null, CancellationToken.None).GetAwaiter().GetResult();
            for (var i = 0; i < n; i++)
            {
                result[i] = values[i] ?? float.NaN;
            }
        }
        else
        {
            throw new InvalidDataException($"column '{column}' is {field.ClrType.Name}, not a float column");
        }

        return result;
    }

    /// <summary>
    /// Reads int8 feature columns of one row group into row-major bytes: <paramref name="destination"/>[k * width + c]
    /// for the k-th kept row (rows where <paramref name="keep"/> is true, or all rows when it is null); null → 255.
    /// </summary>
    public void ReadFeatures(int rowGroup, IReadOnlyList<string> columns, bool[]? keep, byte[] destination)
    {
        using var rg = reader.OpenRowGroupReader(rowGroup);
        var n = RowGroupRows[rowGroup];
        var width = columns.Count;
        if (rawBuffer.Length < n)
        {
            rawBuffer = new sbyte[n];
            levelBuffer = new int[n];
        }

        for (var c = 0; c < width; c++)
        {
            var field = fields[columns[c]];
            if (field.ClrType != typeof(sbyte))
            {
                throw new InvalidDataException($"column '{columns[c]}' is {field.ClrType.Name}, not int8");
            }

            var raw = rawBuffer.AsMemory(0, n);
            if (field.IsNullable)
            {
                rg.ReadRawAsync(field, raw, levelBuffer.AsMemory(0, n), null, CancellationToken.None).GetAwaiter().GetResult();
            }
            else
            {
                rg.ReadRawAsync(field, raw, null, null, CancellationToken.None).GetAwaiter().GetResult();
            }

            Scatter(rawBuffer, field.IsNullable ? levelBuffer : null, n, keep, destination, c, width);
        }
    }

    public void Dispose()
    {
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        stream.Dispose();
    }

    private static void Scatter(sbyte[] packed, int[]? levels, int n, bool[]? keep, byte[] destination, int column, int width)
    {
        var next = 0;
        var k = 0;
        for (var r = 0; r < n; r++)
        {
            byte value;
            if (levels is null || levels[r] > 0)
            {
                var v = packed[next++];
                value = v >= 0 ? (byte)v : (byte)255;
            }
            else
            {
                value = 255;
            }

            if (keep is null || keep[r])
            {
                destination[(k * width) + column] = value;
                k++;
            }
        }
    }
}
