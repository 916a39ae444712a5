using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.LightGbm.Tests;

/// <summary>Numerai-shaped parquet files of chosen rows (explicit ids and eras), and the predictions files the stages write.</summary>
internal static class CvParquet
{
    /// <summary>Writes the rows <paramref name="rows"/> of <paramref name="data"/> with their ids, eras and targets.</summary>
    public static async Task WriteRowsAsync(string path, SyntheticData data, IReadOnlyList<int> rows, string[] ids, string[] eras, float[] targets, IReadOnlyDictionary<string, float[]>? otherTargets = null)
    {
        var width = data.Names.Length;
        var idField = new DataField<string>("id");
        var eraField = new DataField<string>("era");
        var featureFields = data.Names.Select(n => new DataField<sbyte?>(n)).ToArray();
        var targetField = new DataField<float?>("target");
        var fields = new List<Field> { idField, eraField };
        fields.AddRange(featureFields);
        fields.Add(targetField);
        var others = (otherTargets ?? new Dictionary<string, float[]>()).Select(t => (Field: new DataField<float?>(t.Key), Values: t.Value)).ToArray();
        fields.AddRange(others.Select(o => o.Field));
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(idField, rows.Select(r => ids[r]).ToArray());
        await group.WriteAsync(eraField, rows.Select(r => eras[r]).ToArray());
        for (var c = 0; c < width; c++)
        {
            var column = rows.Select(r => data.Bytes[(r * width) + c] is var b && b == 255 ? (sbyte?)null : (sbyte)data.Bytes[(r * width) + c]).ToArray();
            await group.WriteAsync<sbyte>(featureFields[c], (ReadOnlyMemory<sbyte?>)column);
        }

        await group.WriteAsync<float>(targetField, (ReadOnlyMemory<float?>)rows.Select(r => float.IsNaN(targets[r]) ? (float?)null : targets[r]).ToArray());
        foreach (var (field, values) in others)
        {
            await group.WriteAsync<float>(field, (ReadOnlyMemory<float?>)rows.Select(r => float.IsNaN(values[r]) ? (float?)null : values[r]).ToArray());
        }
    }

    /// <summary>id, prediction and (when the file has the column) era of a predictions.parquet file.</summary>
    public static async Task<(string[] Ids, double[] Values, string[]? Eras)> ReadPredictionsAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        var ids = new List<string>();
        var values = new List<double>();
        var eras = new List<string>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            var n = (int)rg.RowCount;
            var id = new string[n];
            await rg.ReadAsync(fields.First(f => f.Name == "id"), id.AsMemory()!);
            ids.AddRange(id);
            var v = new double[n];
            await rg.ReadAsync(fields.First(f => f.Name == "prediction"), v.AsMemory());
            values.AddRange(v);
            if (fields.Any(f => f.Name == "era"))
            {
                var e = new string[n];
                await rg.ReadAsync(fields.First(f => f.Name == "era"), e.AsMemory()!);
                eras.AddRange(e);
            }
        }

        return (ids.ToArray(), values.ToArray(), eras.Count > 0 ? eras.ToArray() : null);
    }
}
