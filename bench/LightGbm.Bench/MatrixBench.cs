using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.LightGbm.Data;
using NumeraiPipeline.Plugins.LightGbm.Training;

namespace NumeraiPipeline.LightGbm.Bench;

/// <summary>
/// Issue 13, item 6: a target matrix trained with lightgbm.train's Dataset cache against the same models each built
/// from the parquet rows. The targets are label vectors over the same labelled rows (the file's target and three
/// transforms of it), which is what makes Numerai's targets share a Dataset; the cache never looks at the labels.
/// </summary>
internal static class MatrixBench
{
    public static void Run(string dir, int targets, int trees, int threads)
    {
        var features = Enumerable.Range(0, ReadFeatureCount(dir)).Select(BenchData.FeatureName).ToArray();
        var parameters = Parameters(trees, threads, 0.01, features.Length);
        using var train = ParquetRowSource.Open(Path.Combine(dir, "train.parquet"), new ReadSpec { Features = features, Target = "target", DropMissingTarget = true, IncludeIds = false }, long.MaxValue);
        foreach (var _ in train.ReadChunks(CancellationToken.None))
        {
        }

        var labels = Labels(train.Labels!, targets);
        Console.WriteLine($"[matrix] {train.Rows} x {features.Length}, {targets} targets x 1 seed, {trees} trees, {threads} threads; params: {parameters}");

        // each model from the rows (what every instance did before the cache)
        var construction = new List<double>();
        var training = new List<double>();
        var plainModels = new List<string>();
        for (var t = 0; t < targets; t++)
        {
            using var r = Trainer.Train(new TrainingRequest(train, labels[t], parameters), null, CancellationToken.None);
            construction.Add(r.DatasetTime.TotalSeconds);
            training.Add(r.TrainTime.TotalSeconds);
            plainModels.Add(Save(r, dir, $"plain-{t}"));
            Console.WriteLine($"  target {t} from rows: dataset construction {r.DatasetTime.TotalSeconds:F2} s, training {r.TrainTime.TotalSeconds:F2} s");
        }

        // the matrix with the cache: the first instance builds and saves, the others load
        var cacheDir = Path.Combine(dir, "dataset-cache");
        if (Directory.Exists(cacheDir))
        {
            Directory.Delete(cacheDir, recursive: true);
        }

        var cache = new DatasetCache(cacheDir);
        const string Key = "bench";
        var total = Stopwatch.StartNew();
        var identical = 0;
        for (var t = 0; t < targets; t++)
        {
            using var r = Trainer.Train(new TrainingRequest(train, labels[t], parameters) { DatasetCache = (cache, Key) }, null, CancellationToken.None);
            identical += Save(r, dir, $"cached-{t}") == plainModels[t] ? 1 : 0;
            Console.WriteLine($"  target {t} with cache: dataset {(r.DatasetFromCache ? "loaded" : "built + saved")} {r.DatasetTime.TotalSeconds:F2} s, training {r.TrainTime.TotalSeconds:F2} s");
        }

        var matrix = total.Elapsed.TotalSeconds;
        var oneConstruction = construction.Average();
        var budget = oneConstruction + training.Sum();
        Console.WriteLine($"matrix with cache: {matrix:F2} s total; 1 construction ({oneConstruction:F2} s, mean of {targets}) + {targets} trainings ({training.Sum():F2} s) = {budget:F2} s; ratio {matrix / budget:F3} (target <= 1.25)");
        Console.WriteLine($"without cache the {targets} models took {construction.Sum() + training.Sum():F2} s (dataset constructions {construction.Sum():F2} s)");
        Console.WriteLine($"model text identical to the one built from rows: {identical}/{targets}");
        Console.WriteLine($"binary Dataset file: {new FileInfo(cache.PathFor(Key)).Length / (1024.0 * 1024.0):F1} MiB");

        // a retrain with another learning rate: the dataset phase loads the binary file
        var retrain = Parameters(trees, threads, 0.02, features.Length);
        using (var r = Trainer.Train(new TrainingRequest(train, labels[0], retrain) { DatasetCache = (cache, Key) }, null, CancellationToken.None))
        {
            Console.WriteLine($"retrain learning_rate 0.02: dataset phase {r.DatasetTime.TotalSeconds:F3} s ({(r.DatasetFromCache ? "loaded" : "built")}) vs cold construction {oneConstruction:F2} s: ratio {r.DatasetTime.TotalSeconds / oneConstruction:F3} (target <= 0.1)");
        }
    }

    private static LightGbmParameters Parameters(int trees, int threads, double learningRate, int features) => LightGbmParameters.Create(
        new Dictionary<string, JsonElement>
        {
            ["n_estimators"] = JsonSerializer.SerializeToElement(trees),
            ["learning_rate"] = JsonSerializer.SerializeToElement(learningRate),
            ["max_depth"] = JsonSerializer.SerializeToElement(5),
            ["num_leaves"] = JsonSerializer.SerializeToElement(31),
            ["colsample_bytree"] = JsonSerializer.SerializeToElement(0.1),
        },
        threads,
        seed: 1,
        deterministic: true,
        features);

    /// <summary>The file's target and transforms of it on the same rows (1 - y, y shifted a bin, y rounded to halves).</summary>
    private static float[][] Labels(float[] target, int count) =>
    [
        .. Enumerable.Range(0, count).Select(t => target.Select(y => t switch
        {
            0 => y,
            1 => 1 - y,
            2 => Math.Min(1f, y + 0.25f),
            _ => MathF.Round(y * 2) / 2,
        }).ToArray()),
    ];

    private static string Save(TrainingResult r, string dir, string name)
    {
        var path = Path.Combine(dir, $"model-{name}.txt");
        r.Booster.Save(path, r.KeptIterations);
        return File.ReadAllText(path);
    }

    private static int ReadFeatureCount(string dir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "features.json")));
        return doc.RootElement.GetProperty("feature_sets").GetProperty("all").GetArrayLength();
    }
}
