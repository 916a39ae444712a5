using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using NumeraiPipeline.LightGbm.Bench;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.LightGbm.Data;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Plugins.LightGbm.Training;

// Benchmark of lightgbm.train's core on Numerai-shaped data (issue 4, item 7). One mode per process, so each
// peak RSS (VmHWM) belongs to one trainer:
//   gen DIR ROWS FEATURES VALID_ROWS       synthetic train.parquet / validation.parquet / features.json
//   ours DIR [--whole] [--streamed] [--sample N] [--trees N] [--threads N] [--params-file F] [--no-deterministic]
//   mlnet DIR [--trees N] [--threads N]    ML.NET's LightGbm trainer; writes the parameters it used to DIR/mlnet-params.txt
//   compare A.bin B.bin                    max |a-b| and bit-identical count of two prediction files
//   matrix DIR [--targets N] [--trees N]   a target matrix with lightgbm.train's Dataset cache vs each model from the rows (MatrixBench.cs)
var mode = args.Length > 0 ? args[0] : "help";
string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

var trees = int.Parse(Arg("--trees", "300"), CultureInfo.InvariantCulture);
var threads = int.Parse(Arg("--threads", "2"), CultureInfo.InvariantCulture);
switch (mode)
{
    case "gen":
    {
        var dir = args[1];
        int rows = int.Parse(args[2], CultureInfo.InvariantCulture), features = int.Parse(args[3], CultureInfo.InvariantCulture), valid = int.Parse(args[4], CultureInfo.InvariantCulture);
        Directory.CreateDirectory(dir);
        var clock = Stopwatch.StartNew();
        await BenchData.WriteAsync(Path.Combine(dir, "train.parquet"), rows, features, eras: Math.Max(1, rows / 5000), seed: 1);
        await BenchData.WriteAsync(Path.Combine(dir, "validation.parquet"), valid, features, eras: Math.Max(1, valid / 5000), seed: 2);
        BenchData.WriteFeaturesJson(Path.Combine(dir, "features.json"), features);
        Console.WriteLine($"generated {rows} x {features} (+{valid} validation rows) in {clock.Elapsed.TotalSeconds:F1} s");
        break;
    }

    case "matrix":
        MatrixBench.Run(args[1], int.Parse(Arg("--targets", "4"), CultureInfo.InvariantCulture), trees, threads);
        break;

    case "ours":
    {
        var dir = args[1];
        var whole = args.Contains("--whole");
        var streamed = args.Contains("--streamed");
        var features = Enumerable.Range(0, ReadFeatureCount(dir)).Select(BenchData.FeatureName).ToArray();
        // lightgbm.train's default: deterministic + force_col_wise (without it LightGBM times row-wise histograms too,
        // which builds a row-wise copy of the whole Dataset: twice the memory at Numerai's scale)
        var deterministic = !args.Contains("--no-deterministic");
        // the bin sample: lightgbm.train's default for this width unless --sample says otherwise
        var sample = int.Parse(Arg("--sample", LightGbmParameters.DefaultSampleCount(features.Length).ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var paramText = args.Contains("--params-file") ? File.ReadAllText(Arg("--params-file", string.Empty)).Trim() : null;
        var parameters = paramText is null
            ? LightGbmParameters.Create(NumeraiParams(trees, sample), threads, seed: 1, deterministic)
            : LightGbmParameters.Create(ParseParams(paramText, sample.ToString(CultureInfo.InvariantCulture), trees), null, null, false);

        var clock = Stopwatch.StartNew();
        using var train = ParquetRowSource.Open(Path.Combine(dir, "train.parquet"), new ReadSpec { Features = features, Target = "target", DropMissingTarget = true, IncludeIds = false }, streamed ? 0 : long.MaxValue);
        if (!streamed)
        {
            foreach (var _ in train.ReadChunks(CancellationToken.None))
            {
            }
        }

        var load = clock.Elapsed;
        var cpuLoad = Cpu();
        Console.WriteLine($"[ours{(whole ? " whole-matrix" : streamed ? " streamed" : string.Empty)}] {train.Rows} x {features.Length}; params: {parameters}");
        Console.WriteLine($"load (parquet -> int8{(streamed ? ", labels only; features stream during dataset construction" : string.Empty)}): {load.TotalSeconds:F2} s, RSS {Rss.CurrentMiB():F0} MiB");
        var peakAtFirstTree = 0.0;
        var firstTree = new SyncProgress(_ => peakAtFirstTree = peakAtFirstTree > 0 ? peakAtFirstTree : Rss.PeakMiB());
        using var result = Trainer.Train(new TrainingRequest(train, train.Labels!, parameters) { WholeMatrix = whole, ProgressEvery = 1 }, firstTree, CancellationToken.None);
        Console.WriteLine($"dataset construction: {result.DatasetTime.TotalSeconds:F2} s (peak RSS up to the first tree: {peakAtFirstTree:F0} MiB)");
        Console.WriteLine($"training ({result.Iterations} trees): {result.TrainTime.TotalSeconds:F2} s");
        Console.WriteLine($"load + dataset + training: {(load + result.DatasetTime + result.TrainTime).TotalSeconds:F2} s wall, {Cpu():F1} s CPU (load {cpuLoad:F1} s CPU)");
        var modelPath = Path.Combine(dir, whole ? "model-whole.txt" : "model-ours.txt");
        result.Booster.Save(modelPath, result.KeptIterations);
        var peakTrain = Rss.PeakMiB();

        clock.Restart();
        using var valid = ParquetRowSource.Open(Path.Combine(dir, "validation.parquet"), new ReadSpec { Features = features, Target = "target", IncludeIds = false }, 0);
        var predictions = Predictor.Predict(result.Booster, valid, threads, CancellationToken.None);
        Console.WriteLine($"prediction ({valid.Rows} rows, streamed from parquet): {clock.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"validation corr: {Pearson(predictions, valid.Labels!):F4}");
        WritePredictions(Path.Combine(dir, whole ? "preds-whole.bin" : streamed ? "preds-streamed.bin" : "preds-ours.bin"), predictions);
        Console.WriteLine($"peak RSS after training: {peakTrain:F0} MiB; at exit: {Rss.PeakMiB():F0} MiB");
        break;
    }

    case "dataset":
    {
        // memory of the binned Dataset alone: build it streamed, collect the managed garbage, read RSS, free it
        var dir = args[1];
        var features = Enumerable.Range(0, ReadFeatureCount(dir)).Select(BenchData.FeatureName).ToArray();
        var sample = int.Parse(Arg("--sample", LightGbmParameters.DefaultSampleCount(features.Length).ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var parameters = LightGbmParameters.Create(NumeraiParams(trees, sample), threads, seed: 1, deterministic: true);
        using var train = ParquetRowSource.Open(Path.Combine(dir, "train.parquet"), new ReadSpec { Features = features, Target = "target", DropMissingTarget = true, IncludeIds = false }, 0);
        GC.Collect(2, GCCollectionMode.Aggressive, true, true);
        var before = Rss.CurrentMiB();
        var clock = Stopwatch.StartNew();
        using (var dataset = DatasetBuilder.BuildStreamed(train, train.Labels!, parameters.ToString(), CancellationToken.None))
        {
            GC.Collect(2, GCCollectionMode.Aggressive, true, true);
            var retained = Rss.CurrentMiB();
            Libc.malloc_trim(0);
            var with = Rss.CurrentMiB();
            Console.WriteLine($"RSS with the Dataset before malloc_trim: {retained:F0} MiB (freed native memory glibc had kept)");
            Console.WriteLine($"[dataset] {train.Rows} x {features.Length}, sample {sample}: built in {clock.Elapsed.TotalSeconds:F1} s; RSS before {before:F0} MiB, with the Dataset {with:F0} MiB (+{with - before:F0} MiB = {(with - before) * 1048576 / ((double)train.Rows * features.Length):F3} bytes/value); peak {Rss.PeakMiB():F0} MiB");
        }

        break;
    }

    case "stream":
    {
        // memory of streaming the feature blocks alone (what dataset construction reads twice)
        var dir = args[1];
        var features = Enumerable.Range(0, ReadFeatureCount(dir)).Select(BenchData.FeatureName).ToArray();
        int? blockRows = args.Contains("--block-rows") ? int.Parse(Arg("--block-rows", "0"), CultureInfo.InvariantCulture) : null;
        using var train = ParquetRowSource.Open(Path.Combine(dir, "train.parquet"), new ReadSpec { Features = features, Target = "target", DropMissingTarget = true, IncludeIds = false, MaxRowsPerBlock = blockRows }, 0);
        GC.Collect(2, GCCollectionMode.Aggressive, true, true);
        var before = Rss.CurrentMiB();
        var clock = Stopwatch.StartNew();
        long bytes = 0;
        foreach (var chunk in train.ReadChunks(CancellationToken.None))
        {
            bytes += chunk.Features.Length;
        }

        Console.WriteLine($"[stream] {train.Rows} x {features.Length}: {bytes / 1048576.0:F0} MiB of int8 in {clock.Elapsed.TotalSeconds:F1} s; RSS before {before:F0} MiB, peak {Rss.PeakMiB():F0} MiB");
        break;
    }

    case "mlnet":
    {
        var dir = args[1];
        var features = Enumerable.Range(0, ReadFeatureCount(dir)).Select(BenchData.FeatureName).ToArray();
        var clock = Stopwatch.StartNew();
        using var train = ParquetRowSource.Open(Path.Combine(dir, "train.parquet"), new ReadSpec { Features = features, Target = "target", DropMissingTarget = true, IncludeIds = false }, long.MaxValue);
        foreach (var _ in train.ReadChunks(CancellationToken.None))
        {
        }

        var load = clock.Elapsed;
        var cpuLoad = Cpu();
        Console.WriteLine($"[ML.NET LightGbm] {train.Rows} x {features.Length}");
        Console.WriteLine($"load (parquet -> int8): {load.TotalSeconds:F2} s, RSS {Rss.CurrentMiB():F0} MiB");
        var ml = new MLContext(seed: 1);
        clock.Restart();
        var (model, used) = MlNetRunner.Fit(ml, train, train.Labels!, MlNetRunner.Options(trees, threads, seed: 1));
        var fit = clock.Elapsed;
        Console.WriteLine($"params ML.NET passed to LightGBM: {used}");
        File.WriteAllText(Path.Combine(dir, "mlnet-params.txt"), used);
        Console.WriteLine($"dataset construction + training (Fit): {fit.TotalSeconds:F2} s");
        Console.WriteLine($"load + dataset + training: {(load + fit).TotalSeconds:F2} s wall, {Cpu():F1} s CPU (load {cpuLoad:F1} s CPU)");
        var peakTrain = Rss.PeakMiB();
        clock.Restart();
        using var valid = ParquetRowSource.Open(Path.Combine(dir, "validation.parquet"), new ReadSpec { Features = features, Target = "target", IncludeIds = false }, 0);
        var predictions = MlNetRunner.Predict(ml, model, valid).Select(f => (double)f).ToArray();
        Console.WriteLine($"prediction ({valid.Rows} rows): {clock.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"validation corr: {Pearson(predictions, valid.Labels!):F4}");
        WritePredictions(Path.Combine(dir, "preds-mlnet.bin"), predictions);
        Console.WriteLine($"peak RSS after training: {peakTrain:F0} MiB; at exit: {Rss.PeakMiB():F0} MiB");
        break;
    }

    case "compare":
    {
        var a = ReadPredictions(args[1]);
        var b = ReadPredictions(args[2]);
        var identical = a.Zip(b).Count(p => BitConverter.DoubleToInt64Bits(p.First) == BitConverter.DoubleToInt64Bits(p.Second));
        var maxDiff = a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
        var maxFloatDiff = a.Zip(b).Max(p => Math.Abs((float)p.First - (float)p.Second));
        Console.WriteLine($"{Path.GetFileName(args[1])} vs {Path.GetFileName(args[2])}: {a.Length} rows, bit-identical {identical}, max |a-b| {maxDiff:G3}, max |float(a)-float(b)| {maxFloatDiff:G3}");
        break;
    }

    default:
        Console.WriteLine("modes: gen DIR ROWS FEATURES VALID_ROWS | ours DIR [--whole] [--streamed] [--sample N] [--trees N] [--threads N] [--params-file F] | mlnet DIR [--trees N] [--threads N] | compare A B");
        break;
}

static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

static Dictionary<string, JsonElement> NumeraiParams(int trees, int sample = 50000) => new()
{
    ["n_estimators"] = JsonSerializer.SerializeToElement(trees),
    ["learning_rate"] = JsonSerializer.SerializeToElement(0.01),
    ["max_depth"] = JsonSerializer.SerializeToElement(5),
    ["num_leaves"] = JsonSerializer.SerializeToElement(31),
    ["colsample_bytree"] = JsonSerializer.SerializeToElement(0.1),
    ["bin_construct_sample_cnt"] = JsonSerializer.SerializeToElement(sample),
};

static Dictionary<string, JsonElement> ParseParams(string text, string sample, int trees)
{
    var map = new Dictionary<string, JsonElement>();
    foreach (var pair in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    {
        var kv = pair.Split('=', 2);
        map[kv[0]] = JsonSerializer.SerializeToElement(kv[1]);
    }

    map.TryAdd("bin_construct_sample_cnt", JsonSerializer.SerializeToElement(sample));
    map.TryAdd("num_iterations", JsonSerializer.SerializeToElement(trees));
    return map;
}

static int ReadFeatureCount(string dir)
{
    using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "features.json")));
    return doc.RootElement.GetProperty("feature_sets").GetProperty("all").GetArrayLength();
}

static double Pearson(double[] x, float[] y)
{
    double mx = x.Average(), my = y.Average(v => (double)v), sxy = 0, sxx = 0, syy = 0;
    for (var i = 0; i < x.Length; i++)
    {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }

    return sxy / Math.Sqrt(sxx * syy);
}

static void WritePredictions(string path, double[] values)
{
    using var w = new BinaryWriter(File.Create(path));
    foreach (var v in values)
    {
        w.Write(v);
    }
}

static double[] ReadPredictions(string path)
{
    var bytes = File.ReadAllBytes(path);
    return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(bytes).ToArray();
}

/// <summary>Reports synchronously on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class SyncProgress(Action<NumeraiPipeline.Sdk.StageProgress> report) : IProgress<NumeraiPipeline.Sdk.StageProgress>
{
    public void Report(NumeraiPipeline.Sdk.StageProgress value) => report(value);
}
