using System.Diagnostics;
using System.Globalization;
using Metrics.Bench;
using Numerai.Metrics.Tests;
using NumeraiPipeline.Numerai.Scoring;

// Scoring speed on a full-size synthetic validation set (about 3.9M rows, 620 eras, 780 features).
// Usage: dotnet run -c Release --project bench/Metrics.Bench -- [--eras 620] [--rows-per-era 6290] [--features 780]
//        [--threads 2] [--naive-fnc-eras 2] [--skip-naive] [--skip-fnc] [--parquet]
var options = BenchOptions.Parse(args);
Console.WriteLine($"Metrics.Bench: {options.Eras} eras × ~{options.RowsPerEra} rows, {options.Features} features, {options.Threads} threads, {Environment.ProcessorCount} cores, AVX-VNNI {System.Runtime.Intrinsics.X86.AvxVnni.IsSupported}");

var clock = Stopwatch.StartNew();
var (full, ids) = SyntheticValidation.Generate(options.Eras, options.RowsPerEra, options.Features, seed: 42);
Console.WriteLine($"generated {full.Rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s");
var noFeatures = new ScoringData { Eras = full.Eras, Target = full.Target, Prediction = full.Prediction, MetaModel = full.MetaModel, Benchmark = full.Benchmark };

// warm-up (JIT) on a slice
var warm = Slice(full, 5 * options.RowsPerEra);
new ScoringEngine(new ScoringOptions { MaxDegreeOfParallelism = options.Threads }).Score(warm);

var parallel = Time(() => new ScoringEngine(new ScoringOptions { MaxDegreeOfParallelism = options.Threads }).Score(noFeatures));
Report($"CORR+MMC+BMC, engine, {options.Threads} threads", parallel.Seconds, full.Rows);
var single = Time(() => new ScoringEngine(new ScoringOptions { MaxDegreeOfParallelism = 1 }).Score(noFeatures));
Report("CORR+MMC+BMC, engine, 1 thread", single.Seconds, full.Rows);

if (!options.SkipNaive)
{
    var naive = Time(() => NaiveCorrMmcBmc(noFeatures, ids));
    Report("CORR+MMC+BMC, naive reference, 1 thread", naive.Seconds, full.Rows);
    var diff = parallel.Result.Eras.Zip(naive.Result).Max(p => Math.Max(Math.Abs(p.First.Corr - p.Second.Corr), Math.Max(Math.Abs(p.First.Mmc - p.Second.Mmc), Math.Abs(p.First.Bmc - p.Second.Bmc))));
    Console.WriteLine($"  ratio naive / engine({options.Threads} threads) = {naive.Seconds / parallel.Seconds:F1}×, naive / engine(1 thread) = {naive.Seconds / single.Seconds:F1}×; max |difference| {diff:E1}");
}

var summary = parallel.Result.Summary(e => e.Corr);
Console.WriteLine($"  corr mean {summary.Mean:F4} sharpe {summary.Sharpe:F2} over {summary.Eras} eras; mmc mean {parallel.Result.Summary(e => e.Mmc).Mean:F4}");

if (!options.SkipFnc && options.Features > 0)
{
    var fnc = Time(() => new ScoringEngine(new ScoringOptions { MaxDegreeOfParallelism = options.Threads }).Score(full));
    Report($"CORR+MMC+BMC+FNC+exposure ({options.Features} features), engine, {options.Threads} threads", fnc.Seconds, full.Rows);
    Console.WriteLine($"  per era {1000 * fnc.Seconds * options.Threads / options.Eras:F1} ms of one core; fnc mean {fnc.Result.Summary(e => e.Fnc).Mean:F4}, exposure mean {fnc.Result.Eras.Average(e => e.MaxFeatureExposure):F4}");
    if (options.NaiveFncEras > 0)
    {
        var slice = Slice(full, OffsetOfEra(full, options.NaiveFncEras));
        var sliceIds = ids[..slice.Rows];
        var naiveFnc = Time(() => NaiveReference.Score(sliceIds, slice, fnc: true));
        var perEra = naiveFnc.Seconds / options.NaiveFncEras;
        var maxDiff = naiveFnc.Result.Zip(fnc.Result.Eras).Max(p => Math.Abs(p.First.Fnc - p.Second.Fnc));
        Console.WriteLine($"  naive reference FNC (Gram–Schmidt on [F|1]), 1 thread: {perEra:F1} s per era over {options.NaiveFncEras} eras → ~{perEra * options.Eras / 60:F0} min for all {options.Eras} (extrapolated); ratio ~{perEra * options.Eras / fnc.Seconds:F0}×; max |FNC difference| {maxDiff:E1}");
    }
}

if (options.Parquet)
{
    await ParquetEndToEnd.RunAsync(noFeatures, ids, options.Threads);
}

static (T Result, double Seconds) Time<T>(Func<T> action)
{
    GC.Collect();
    var sw = Stopwatch.StartNew();
    var result = action();
    return (result, sw.Elapsed.TotalSeconds);
}

static void Report(string what, double seconds, int rows) =>
    Console.WriteLine($"{what,-70} {seconds,8:F2} s  ({rows / seconds / 1e6,6:F2} M rows/s)");

static int OffsetOfEra(ScoringData data, int eras)
{
    var names = data.Eras.Distinct().Take(eras + 1).ToList();
    return names.Count <= eras ? data.Rows : Array.IndexOf(data.Eras, names[eras]);
}

static ScoringData Slice(ScoringData data, int rows)
{
    rows = Math.Min(rows, data.Rows);
    FeatureMatrix? features = null;
    if (data.Features is { } m)
    {
        var bytes = new byte[rows * m.Columns];
        for (var i = 0; i < rows; i++)
        {
            m.Row(i).CopyTo(bytes.AsSpan(i * m.Columns));
        }

        features = FeatureMatrix.FromRowMajor(bytes, m.Columns);
    }

    return new ScoringData
    {
        Eras = data.Eras[..rows], Target = data.Target[..rows], Prediction = data.Prediction[..rows],
        MetaModel = data.MetaModel?[..rows], Benchmark = data.Benchmark?[..rows], Features = features, FeatureNames = data.FeatureNames,
    };
}

static List<(double Corr, double Mmc, double Bmc)> NaiveCorrMmcBmc(ScoringData data, string[] ids)
{
    // the formulas as numerai-tools applies them with pandas: per era, series keyed by id, aligned and sorted by id
    var results = new List<(double, double, double)>();
    foreach (var era in data.Eras.Select((e, i) => (e, i)).GroupBy(x => x.e).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        var rows = era.Select(x => x.i).ToArray();
        var target = rows.Where(r => !double.IsNaN(data.Target[r])).ToDictionary(r => ids[r], r => data.Target[r]);
        var preds = rows.Where(r => target.ContainsKey(ids[r])).ToDictionary(r => ids[r], r => data.Prediction[r]);
        var meta = rows.ToDictionary(r => ids[r], r => data.MetaModel![r]);
        var bench = rows.ToDictionary(r => ids[r], r => data.Benchmark![r]);
        results.Add((NaiveReference.NumeraiCorr(preds, target), NaiveReference.Contribution(preds, meta, target), NaiveReference.Contribution(preds, bench, target)));
    }

    return results;
}
