using System.Globalization;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace Numerai.Metrics.Tests;

/// <summary>Writes the scoring fixture as the files the stage reads: CSV or real parquet, plus features.json.</summary>
internal static class FixtureFiles
{
    public static async Task<(string Data, string Predictions, string Meta, string Benchmark, string Features)> WriteAsync(string dir, bool parquet)
    {
        var data = ScoringSample.Load();
        var ids = ScoringSample.ReadCsv("targets.csv").Rows.Select(r => r[0]).ToArray();
        var names = data.FeatureNames;
        var p = names.Count;
        var featuresJson = Path.Combine(dir, "features.json");
        await File.WriteAllTextAsync(featuresJson, JsonSerializer.Serialize(new
        {
            feature_sets = new Dictionary<string, IReadOnlyList<string>> { ["small"] = names, ["first_two"] = names.Take(2).ToList() },
            targets = new[] { "target" },
        }));

        if (!parquet)
        {
            var sb = new StringBuilder("id,era,target," + string.Join(',', names) + "\n");
            for (var i = 0; i < ids.Length; i++)
            {
                sb.Append(ids[i]).Append(',').Append(data.Eras[i]).Append(',').Append(data.Target[i].ToString("R", CultureInfo.InvariantCulture));
                for (var j = 0; j < p; j++)
                {
                    sb.Append(',').Append(data.Features!.Row(i)[j]);
                }

                sb.Append('\n');
            }

            var dataCsv = Path.Combine(dir, "data.csv");
            await File.WriteAllTextAsync(dataCsv, sb.ToString());
            return (dataCsv, ScoringSample.PathOf("predictions.csv"), ScoringSample.PathOf("meta_model.csv"), ScoringSample.PathOf("benchmark.csv"), featuresJson);
        }

        var dataParquet = Path.Combine(dir, "validation.parquet");
        var fields = new List<DataField> { new("id", typeof(string), false), new("era", typeof(string), false), new("target", typeof(double), true) };
        fields.AddRange(names.Select(n => new DataField(n, typeof(sbyte), true)));
        await using (var stream = File.Create(dataParquet))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream))
        using (var group = writer.CreateRowGroup())
        {
            await group.WriteAsync(fields[0], ids, null);
            await group.WriteAsync(fields[1], data.Eras, null);
            await group.WriteAsync<double>(fields[2], data.Target.Select(t => (double?)t).ToArray().AsMemory(), null, null, CancellationToken.None);
            for (var j = 0; j < p; j++)
            {
                var column = Enumerable.Range(0, ids.Length).Select(i => (sbyte?)data.Features!.Row(i)[j]).ToArray();
                await group.WriteAsync<sbyte>(fields[3 + j], column.AsMemory(), null, null, CancellationToken.None);
            }
        }

        return (dataParquet,
            await TwoColumnsAsync(dir, "predictions.parquet", ids, "prediction", data.Prediction),
            await TwoColumnsAsync(dir, "meta_model.parquet", ids, "numerai_meta_model", data.MetaModel!),
            await TwoColumnsAsync(dir, "validation_benchmark_models.parquet", ids, "v53_lgbm_ender20", data.Benchmark!),
            featuresJson);
    }

    private static async Task<string> TwoColumnsAsync(string dir, string file, string[] ids, string column, double[] values)
    {
        var path = Path.Combine(dir, file);
        var id = new DataField("id", typeof(string), false);
        var value = new DataField(column, typeof(double), false);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, value), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(id, ids, null);
        await group.WriteAsync<double>(value, values.AsMemory(), null, null, CancellationToken.None);
        return path;
    }
}
