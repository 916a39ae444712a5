using System.Globalization;
using System.Text;
using System.Text.Json;
using NumeraiPipeline.Numerai.Data;
using Parquet;
using Parquet.Schema;

namespace Numerai.Metrics.Tests.Neutralize;

/// <summary>
/// Synthetic Numerai-shaped data for the neutralize stage, with the awkward cases built in: a feature constant in an
/// era, a duplicated feature, a feature affine in another (4 − x, dependent with the ones column), an era with fewer
/// rows than features, NaN predictions, a prediction column constant in one era, data rows without predictions, the
/// predictions shuffled, and row groups that split eras.
/// </summary>
internal sealed class NeutralizeSample
{
    public static readonly int[] EraSizes = [120, 300, 9, 57, 400, 200];

    private NeutralizeSample(string[] ids, string[] eras, byte[][] features, string[] featureNames, double[] prediction, double[] predictionB, int[] predictionRows)
    {
        Ids = ids;
        Eras = eras;
        Features = features;
        FeatureNames = featureNames;
        Prediction = prediction;
        PredictionB = predictionB;
        PredictionRows = predictionRows;
    }

    /// <summary>Data rows' ids.</summary>
    public string[] Ids { get; }

    /// <summary>Data rows' eras.</summary>
    public string[] Eras { get; }

    /// <summary>Data rows' features (all of the data's feature columns).</summary>
    public byte[][] Features { get; }

    /// <summary>The data's feature columns.</summary>
    public string[] FeatureNames { get; }

    /// <summary>The "small" set (a subset of the data's features, in another order).</summary>
    public string[] SmallSet => [.. new[] { 6, 0, 1, 2, 3, 5, 7, 8, 9, 10, 11 }.Select(j => FeatureNames[j])];

    /// <summary>Column "prediction" per data row.</summary>
    public double[] Prediction { get; }

    /// <summary>Column "prediction_b" per data row (NaN in some rows, constant in era 0005).</summary>
    public double[] PredictionB { get; }

    /// <summary>The data rows in the predictions file, in its (shuffled) order.</summary>
    public int[] PredictionRows { get; }

    public static NeutralizeSample Create(int seed)
    {
        var rng = new Random(seed);
        const int p = 14;
        var names = Enumerable.Range(0, p).Select(j => $"feature_{(char)('a' + j)}{j:00}").ToArray();
        var ids = new List<string>();
        var eras = new List<string>();
        var features = new List<byte[]>();
        var prediction = new List<double>();
        var predictionB = new List<double>();
        for (var e = 0; e < EraSizes.Length; e++)
        {
            var era = (e + 1).ToString("0000", CultureInfo.InvariantCulture);
            for (var i = 0; i < EraSizes[e]; i++)
            {
                var x = Enumerable.Range(0, p).Select(_ => (byte)rng.Next(0, 5)).ToArray();
                if (era == "0001")
                {
                    x[2] = 2; // constant in the era
                }

                if (era == "0002")
                {
                    x[5] = x[1]; // duplicate in the era
                }

                x[6] = (byte)(4 - x[3]); // affine in feature 3: dependent together with the ones column
                ids.Add($"n{rng.NextInt64(1L << 59):x15}");
                eras.Add(era);
                features.Add(x);
                prediction.Add(0.5 + (0.05 * (x[0] - 2)) - (0.03 * x[3]) + (0.02 * x[12]) + (0.1 * rng.NextDouble()));
                predictionB.Add(era == "0005" ? 0.5 : rng.NextDouble() < 0.06 ? double.NaN : rng.NextDouble() + (0.1 * x[1]));
            }
        }

        // every 10th data row has no prediction; the rest appear shuffled
        var rows = Enumerable.Range(0, ids.Count).Where(i => i % 10 != 7).ToArray();
        rng.Shuffle(rows);
        return new NeutralizeSample([.. ids], [.. eras], [.. features], names, [.. prediction], [.. predictionB], rows);
    }

    /// <summary>
    /// Eras where pandas' zero-std test and a plain "all values equal" test differ, plus a single-row era: era 0001 has
    /// ten rows of prediction_b = 0.1 (numpy's mean is exactly 0.1: std 0, NaN), era 0002 three (mean
    /// 0.10000000000000002: std > 0, fitted by the ones column), era 0003 one row (std NaN, not 0: fitted exactly),
    /// era 0004 sixty rows with a feature constant in the era and one duplicated.
    /// </summary>
    public static NeutralizeSample EdgeCases(int seed)
    {
        var rng = new Random(seed);
        const int p = 14;
        var names = Enumerable.Range(0, p).Select(j => $"feature_{(char)('a' + j)}{j:00}").ToArray();
        var sizes = new[] { ("0001", 10), ("0002", 3), ("0003", 1), ("0004", 60) };
        var ids = new List<string>();
        var eras = new List<string>();
        var features = new List<byte[]>();
        var prediction = new List<double>();
        var predictionB = new List<double>();
        foreach (var (era, size) in sizes)
        {
            for (var i = 0; i < size; i++)
            {
                var x = Enumerable.Range(0, p).Select(_ => (byte)rng.Next(0, 5)).ToArray();
                if (era == "0004")
                {
                    x[2] = 3;
                    x[5] = x[1];
                }

                ids.Add($"n{rng.NextInt64(1L << 59):x15}");
                eras.Add(era);
                features.Add(x);
                prediction.Add(0.5 + (0.05 * (x[0] - 2)) + (0.1 * rng.NextDouble()));
                predictionB.Add(era is "0001" or "0002" ? 0.1 : rng.NextDouble());
            }
        }

        return new NeutralizeSample([.. ids], [.. eras], [.. features], names, [.. prediction], [.. predictionB], [.. Enumerable.Range(0, ids.Count)]);
    }

    /// <summary>The same sample with its data rows in another order (the predictions keep theirs).</summary>
    public NeutralizeSample WithDataOrder(int[] order)
    {
        var newIndex = new int[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            newIndex[order[k]] = k;
        }

        return new NeutralizeSample(
            [.. order.Select(i => Ids[i])], [.. order.Select(i => Eras[i])], [.. order.Select(i => Features[i])], FeatureNames,
            [.. order.Select(i => Prediction[i])], [.. order.Select(i => PredictionB[i])], [.. PredictionRows.Select(r => newIndex[r])]);
    }

    /// <summary>
    /// The expected values: per era and column, numerai-tools' neutralize (the reference) on the prediction rows where
    /// the column is not NaN, against the features of <paramref name="set"/>; NaN elsewhere. Indexed like <see cref="PredictionRows"/>.
    /// </summary>
    public double[] Expected(IReadOnlyList<string> set, bool columnB, double proportion)
    {
        var values = columnB ? PredictionB : Prediction;
        var index = set.Select(f => Array.IndexOf(FeatureNames, f)).ToArray();
        var expected = Enumerable.Repeat(double.NaN, PredictionRows.Length).ToArray();
        foreach (var era in Eras.Distinct())
        {
            var positions = Enumerable.Range(0, PredictionRows.Length).Where(k => Eras[PredictionRows[k]] == era && !double.IsNaN(values[PredictionRows[k]])).ToArray();
            var f = positions.Select(k => index.Select(j => (double)Features[PredictionRows[k]][j]).ToArray()).ToArray();
            var y = positions.Select(k => values[PredictionRows[k]]).ToArray();
            var z = LeastSquaresReference.Neutralize(f, [y], proportion)[0];
            for (var i = 0; i < positions.Length; i++)
            {
                expected[positions[i]] = z[i];
            }
        }

        return expected;
    }

    /// <summary>Writes data.parquet (row groups of <paramref name="rowGroupRows"/>), predictions (parquet or CSV) and features.json.</summary>
    public async Task<(string Data, string Predictions, string FeaturesJson)> WriteAsync(string dir, bool predictionsCsv = false, int rowGroupRows = 250)
    {
        var featuresJson = Path.Combine(dir, "features.json");
        await File.WriteAllTextAsync(featuresJson, JsonSerializer.Serialize(new
        {
            feature_sets = new Dictionary<string, string[]> { ["small"] = SmallSet, ["all"] = FeatureNames },
            targets = new[] { "target" },
        }));

        var data = Path.Combine(dir, "validation.parquet");
        var fields = new List<DataField> { new("id", typeof(string), false), new("era", typeof(string), false), new("data_type", typeof(string), false) };
        fields.AddRange(FeatureNames.Select(n => new DataField(n, typeof(sbyte), true)));
        await using (var stream = File.Create(data))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream))
        {
            for (var start = 0; start < Ids.Length; start += rowGroupRows)
            {
                var count = Math.Min(rowGroupRows, Ids.Length - start);
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(fields[0], Ids[start..(start + count)], null);
                await group.WriteAsync(fields[1], Eras[start..(start + count)], null);
                await group.WriteAsync(fields[2], Enumerable.Repeat("validation", count).ToArray(), null);
                for (var j = 0; j < FeatureNames.Length; j++)
                {
                    var column = Enumerable.Range(start, count).Select(i => Features[i][j] == DataBlock.MissingFeature ? null : (sbyte?)Features[i][j]).ToArray();
                    await group.WriteAsync<sbyte>(fields[3 + j], column.AsMemory(), null, null, CancellationToken.None);
                }
            }
        }

        var ids = PredictionRows.Select(r => Ids[r]).ToArray();
        var a = PredictionRows.Select(r => Prediction[r]).ToArray();
        var b = PredictionRows.Select(r => PredictionB[r]).ToArray();
        if (predictionsCsv)
        {
            var csv = Path.Combine(dir, "predictions.csv");
            var sb = new StringBuilder("id,prediction,prediction_b\n");
            for (var k = 0; k < ids.Length; k++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{ids[k]},{a[k]:R},{(double.IsNaN(b[k]) ? "" : b[k].ToString("R", CultureInfo.InvariantCulture))}\n");
            }

            await File.WriteAllTextAsync(csv, sb.ToString());
            return (data, csv, featuresJson);
        }

        var predictions = Path.Combine(dir, "predictions.parquet");
        var id = new DataField("id", typeof(string), false);
        var fa = new DataField("prediction", typeof(double), false);
        var fb = new DataField("prediction_b", typeof(double), false);
        var era = new DataField("era", typeof(string), false);
        await using (var stream = File.Create(predictions))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, fa, fb, era), stream))
        using (var group = writer.CreateRowGroup())
        {
            await group.WriteAsync(id, ids, null);
            await group.WriteAsync<double>(fa, a.AsMemory(), null, null, CancellationToken.None);
            await group.WriteAsync<double>(fb, b.AsMemory(), null, null, CancellationToken.None);
            await group.WriteAsync(era, PredictionRows.Select(r => Eras[r]).ToArray(), null);
        }

        return (data, predictions, featuresJson);
    }
}
