using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.LightGbm.Bench;

/// <summary>Writes Numerai-shaped synthetic parquet files (nullable int8 features 0..4, string id and era, float target) with a planted signal.</summary>
internal static class BenchData
{
    public static async Task WriteAsync(string path, int rows, int features, int eras, int seed, int rowGroupRows = 50_000)
    {
        var idField = new DataField<string>("id");
        var eraField = new DataField<string>("era");
        var featureFields = Enumerable.Range(0, features).Select(i => new DataField<sbyte?>(FeatureName(i))).ToArray();
        var targetField = new DataField<float?>("target");
        var fields = new List<Field> { idField, eraField };
        fields.AddRange(featureFields);
        fields.Add(targetField);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        var random = new Random(seed);
        var column = new sbyte?[rowGroupRows];
        var signal = new double[rowGroupRows];
        for (var start = 0; start < rows; start += rowGroupRows)
        {
            var n = Math.Min(rowGroupRows, rows - start);
            Array.Clear(signal);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(idField, Enumerable.Range(start, n).Select(i => $"n{(long)i * 2654435761L % 0xFFFFFFFFFFFFFL:x15}").ToArray());
            await group.WriteAsync(eraField, Enumerable.Range(start, n).Select(i => (((long)i * eras / rows) + 1).ToString("D4")).ToArray());
            for (var c = 0; c < features; c++)
            {
                var weight = c % 10 == 0 ? (c % 20 == 0 ? 0.05 : -0.05) : 0;
                for (var r = 0; r < n; r++)
                {
                    var v = (sbyte)random.Next(5);
                    column[r] = v;
                    signal[r] += weight * (v - 2);
                }

                await group.WriteAsync<sbyte>(featureFields[c], (ReadOnlyMemory<sbyte?>)column.AsMemory(0, n));
            }

            var target = new float?[n];
            for (var r = 0; r < n; r++)
            {
                var z = signal[r] + (Gaussian(random) * 1.0);
                target[r] = (float)(Math.Round(4 / (1 + Math.Exp(-z))) / 4);
            }

            await group.WriteAsync<float>(targetField, (ReadOnlyMemory<float?>)target);
        }
    }

    public static void WriteFeaturesJson(string path, int features) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            feature_sets = new Dictionary<string, string[]> { ["all"] = Enumerable.Range(0, features).Select(FeatureName).ToArray() },
            targets = new[] { "target" },
        }));

    public static string FeatureName(int i) => $"feature_{i:D4}";

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
