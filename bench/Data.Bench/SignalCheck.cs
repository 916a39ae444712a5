using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Scoring;

namespace NumeraiPipeline.Data.Bench;

/// <summary>
/// Trains LightGBM (through ML.NET) with Numerai-like parameters on a synthetic train file and prints the
/// validation per-era CORR (mean, std, sharpe) so the planted signal's difficulty can be checked.
/// </summary>
internal static class SignalCheck
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var dir = args.String("dir") ?? Path.Combine(Path.GetTempPath(), "np-signal-check");
        var options = new SyntheticDatasetOptions
        {
            TrainRows = args.Int("rows", 100_000),
            TrainEras = args.Int("eras", 200),
            ValidationEras = args.Int("validation-eras", 50),
            UnlabelledValidationEras = 0,
            FeatureCount = args.Int("features", 200),
            Seed = args.Int("seed", 42),
        };
        if (args.String("strength") is { } strength)
        {
            options.SignalStrength = double.Parse(strength, System.Globalization.CultureInfo.InvariantCulture);
        }

        var summary = await SyntheticDataset.WriteAsync(options, dir);
        var meta = FeatureMetadata.Load(Path.Combine(summary.Directory, "features.json"));
        var features = meta.Resolve(args.String("feature-set") ?? "all");
        var spec = new ReadSpec { Features = features, Target = "target", DropMissingTarget = true };
        DataBlock train, validation;
        using (var reader = NumeraiParquetReader.Open(Path.Combine(summary.Directory, "train.parquet")))
        {
            train = reader.ReadAll(spec);
        }

        using (var reader = NumeraiParquetReader.Open(Path.Combine(summary.Directory, "validation.parquet")))
        {
            validation = reader.ReadAll(spec);
        }

        var trees = args.Int("trees", 2000);
        var ml = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features.Count);
        var trainer = ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            NumberOfIterations = trees,
            LearningRate = 0.01,
            NumberOfLeaves = 31,
            MinimumExampleCountPerLeaf = 20,
            Booster = new GradientBooster.Options { FeatureFraction = 0.1, MaximumTreeDepth = 5 },
            NumberOfThreads = 2,
            Seed = 1,
        });
        var sw = Stopwatch.StartNew();
        var model = trainer.Fit(ml.Data.LoadFromEnumerable(Rows(train), schema));
        var trainSeconds = sw.Elapsed.TotalSeconds;
        var scored = model.Transform(ml.Data.LoadFromEnumerable(Rows(validation), schema));
        var predictions = scored.GetColumn<float>("Score").ToArray();

        var corrs = new List<double>();
        foreach (var era in validation.Eras.Select((e, i) => (e, i)).GroupBy(x => x.e).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = era.Select(x => x.i).ToArray();
            corrs.Add(EraScoring.Score(rows.Select(r => (double)predictions[r]).ToArray(), rows.Select(r => (double)validation.Target![r]).ToArray()).Corr);
        }

        var mean = corrs.Average();
        var std = Math.Sqrt(corrs.Sum(c => (c - mean) * (c - mean)) / (corrs.Count - 1));
        Console.WriteLine($"synthetic: {train.RowCount:N0} train rows / {options.TrainEras} eras, {validation.RowCount:N0} validation rows / {corrs.Count} eras, " +
                          $"{features.Count} features, signal strength {options.SignalStrength}, seed {options.Seed}");
        Console.WriteLine($"LightGBM (ML.NET) {trees} trees lr 0.01 leaves 31 depth 5 colsample 0.1: trained in {trainSeconds:F0} s");
        Console.WriteLine($"validation CORR mean {mean:F4} std {std:F4} sharpe {mean / std:F2} (positive eras {corrs.Count(c => c > 0)}/{corrs.Count})");
        if (!args.Flag("keep"))
        {
            Directory.Delete(summary.Directory, recursive: true);
        }

        return 0;
    }

    private static IEnumerable<Row> Rows(DataBlock block)
    {
        for (var r = 0; r < block.RowCount; r++)
        {
            var values = new float[block.FeatureCount];
            var row = block.GetRow(r);
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = row[j] == DataBlock.MissingFeature ? float.NaN : row[j];
            }

            yield return new Row { Features = values, Label = block.Target![r] };
        }
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}
