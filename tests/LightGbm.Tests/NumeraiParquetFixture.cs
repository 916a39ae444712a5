using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.LightGbm.Tests;

/// <summary>Writes synthetic data as a Numerai-shaped parquet file (id, era, data_type, nullable int8 features, float target).</summary>
internal static class NumeraiParquetFixture
{
    public static async Task WriteAsync(string path, SyntheticData data, int eras, int rowGroups = 2, string idPrefix = "n", float[]? overrideTarget = null)
    {
        var rows = data.Labels.Length;
        var width = data.Names.Length;
        var idField = new DataField<string>("id");
        var eraField = new DataField<string>("era");
        var typeField = new DataField<string>("data_type");
        var featureFields = data.Names.Select(n => new DataField<sbyte?>(n)).ToArray();
        var targetField = new DataField<float?>("target");
        var fields = new List<Field> { idField, eraField, typeField };
        fields.AddRange(featureFields);
        fields.Add(targetField);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        var perGroup = (rows + rowGroups - 1) / rowGroups;
        for (var start = 0; start < rows; start += perGroup)
        {
            var n = Math.Min(perGroup, rows - start);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(idField, Enumerable.Range(start, n).Select(i => $"{idPrefix}{i:x15}").ToArray());
            await group.WriteAsync(eraField, Enumerable.Range(start, n).Select(i => ((i * eras / rows) + 1).ToString("D4")).ToArray());
            await group.WriteAsync(typeField, Enumerable.Range(start, n).Select(i => i % 10 == 9 ? "test" : "train").ToArray());
            for (var c = 0; c < width; c++)
            {
                var column = new sbyte?[n];
                for (var r = 0; r < n; r++)
                {
                    var b = data.Bytes[((start + r) * width) + c];
                    column[r] = b == 255 ? null : (sbyte)b;
                }

                await group.WriteAsync<sbyte>(featureFields[c], (ReadOnlyMemory<sbyte?>)column);
            }

            var target = (overrideTarget ?? data.Labels).Skip(start).Take(n).Select(v => float.IsNaN(v) ? (float?)null : v).ToArray();
            await group.WriteAsync<float>(targetField, (ReadOnlyMemory<float?>)target);
        }
    }

    public static void WriteFeaturesJson(string path, IReadOnlyDictionary<string, IReadOnlyList<string>> sets) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new { feature_sets = sets, targets = new[] { "target" } }));
}
