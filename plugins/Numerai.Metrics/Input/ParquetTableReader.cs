using Parquet;
using Parquet.Schema;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Input;

/// <summary>Reads only the needed columns of a parquet file, row group by row group.</summary>
internal static class ParquetTableReader
{
    public static async Task<IReadOnlyList<string>> ColumnsAsync(string path, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
        return reader.Schema.GetDataFields().Select(f => f.Name).ToArray();
    }

    public static async Task<ColumnTable> ReadAsync(string path, string what, IReadOnlyList<string> numbers, bool era, IReadOnlyList<string>? features, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        DataField Field(string name) => fields.TryGetValue(name, out var f)
            ? f
            : throw new StageException(
                MetricsErrors.MissingColumn,
                $"{what} file '{Path.GetFileName(path)}' has no column '{name}' (columns: {string.Join(", ", fields.Keys.Take(12))}{(fields.Count > 12 ? ", …" : "")}). Check the stage's column options.");

        var idField = Field("id");
        var eraField = era ? Field("era") : null;
        var numberFields = numbers.Select(Field).ToArray();
        var featureFields = features?.Select(Field).ToArray() ?? [];
        var rows = checked((int)reader.RowGroups.Sum(g => g.RowCount));
        var ids = new string[rows];
        var eras = era ? new string[rows] : null;
        var values = numberFields.Select(_ => new double[rows]).ToArray();
        var p = featureFields.Length;
        var bytes = features is null ? null : new byte[(long)rows * p];
        var offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            await group.ReadAsync(idField, ((string?[])ids).AsMemory(offset, count), null, cancellationToken);
            if (eraField is not null)
            {
                await group.ReadAsync(eraField, ((string?[])eras!).AsMemory(offset, count), null, cancellationToken);
            }

            for (var k = 0; k < numberFields.Length; k++)
            {
                await ReadNumbersAsync(group, numberFields[k], values[k].AsMemory(offset, count), cancellationToken);
            }

            var tmp = new double[count];
            for (var j = 0; j < p; j++)
            {
                await ReadNumbersAsync(group, featureFields[j], tmp, cancellationToken);
                for (var i = 0; i < count; i++)
                {
                    var d = tmp[i];
                    if (!(d >= 0 && d <= 127 && d == Math.Floor(d)))
                    {
                        throw new StageException(
                            MetricsErrors.BadFeatureValue,
                            $"{what} file '{Path.GetFileName(path)}': feature '{featureFields[j].Name}' has value {d} in row {offset + i}; features must be integers 0..127 (Numerai's 0..4). Fill missing features before scoring.");
                    }

                    bytes![((long)(offset + i) * p) + j] = (byte)d;
                }
            }

            offset += count;
        }

        var table = new ColumnTable
        {
            Ids = ids,
            Eras = eras,
            Features = bytes,
            FeatureNames = features ?? [],
        };
        for (var k = 0; k < numbers.Count; k++)
        {
            table.Numbers[numbers[k]] = values[k];
        }

        return table;
    }

    private static async Task ReadNumbersAsync(ParquetRowGroupReader group, DataField field, Memory<double> target, CancellationToken ct)
    {
        var n = target.Length;
        switch (Type.GetTypeCode(field.ClrType))
        {
            case TypeCode.Double:
                if (field.IsNullable)
                {
                    var buffer = new double?[n];
                    await group.ReadAsync<double>(field, buffer, null, ct);
                    Fill(buffer, target.Span, v => v);
                }
                else
                {
                    await group.ReadAsync<double>(field, target, null, ct);
                }

                break;
            case TypeCode.Single:
                await ReadAs<float>(group, field, target, v => v, ct);
                break;
            case TypeCode.SByte:
                await ReadAs<sbyte>(group, field, target, v => v, ct);
                break;
            case TypeCode.Byte:
                await ReadAs<byte>(group, field, target, v => v, ct);
                break;
            case TypeCode.Int16:
                await ReadAs<short>(group, field, target, v => v, ct);
                break;
            case TypeCode.Int32:
                await ReadAs<int>(group, field, target, v => v, ct);
                break;
            case TypeCode.Int64:
                await ReadAs<long>(group, field, target, v => v, ct);
                break;
            default:
                throw new StageException(MetricsErrors.InputUnreadable, $"column '{field.Name}' has type {field.ClrType.Name}, not a number. Check the column options.");
        }
    }

    private static async Task ReadAs<T>(ParquetRowGroupReader group, DataField field, Memory<double> target, Func<T, double> convert, CancellationToken ct)
        where T : struct
    {
        var n = target.Length;
        if (field.IsNullable)
        {
            var buffer = new T?[n];
            await group.ReadAsync<T>(field, buffer, null, ct);
            Fill(buffer, target.Span, convert);
        }
        else
        {
            var buffer = new T[n];
            await group.ReadAsync<T>(field, buffer, null, ct);
            var span = target.Span;
            for (var i = 0; i < n; i++)
            {
                span[i] = convert(buffer[i]);
            }
        }
    }

    private static void Fill<T>(T?[] buffer, Span<double> target, Func<T, double> convert)
        where T : struct
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            target[i] = buffer[i] is { } v ? convert(v) : double.NaN;
        }
    }
}
