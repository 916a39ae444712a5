using System.Diagnostics;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.Numerai.Metrics;
using NumeraiPipeline.Numerai.Scoring;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;
using Parquet;
using Parquet.Schema;

namespace Metrics.Bench;

/// <summary>The numerai.metrics stage from parquet files (id, era, target; predictions; meta model; benchmark) to metrics.json.</summary>
internal static class ParquetEndToEnd
{
    public static async Task RunAsync(ScoringData data, string[] ids, int threads)
    {
        using var ws = new TempWorkspace("metrics-bench-");
        var sw = Stopwatch.StartNew();
        var dataPath = ws.File("validation.parquet");
        var id = new DataField("id", typeof(string), false);
        var era = new DataField("era", typeof(string), false);
        var target = new DataField("target", typeof(double), true);
        await using (var stream = File.Create(dataPath))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, era, target), stream))
        {
            const int group = 500_000;
            for (var start = 0; start < ids.Length; start += group)
            {
                var end = Math.Min(ids.Length, start + group);
                using var rg = writer.CreateRowGroup();
                await rg.WriteAsync(id, ids[start..end], null);
                await rg.WriteAsync(era, data.Eras[start..end], null);
                await rg.WriteAsync<double>(target, data.Target[start..end].Select(t => (double?)t).ToArray().AsMemory(), null, null, CancellationToken.None);
            }
        }

        PredictionsFile.WriteParquet(ws.File("predictions.parquet"), ids, data.Prediction);
        PredictionsFile.WriteParquet(ws.File("meta_model.parquet"), ids, data.MetaModel!, "numerai_meta_model");
        PredictionsFile.WriteParquet(ws.File("benchmark.parquet"), ids, data.Benchmark!, "v53_lgbm_ender20");
        Console.WriteLine($"wrote parquet inputs in {sw.Elapsed.TotalSeconds:F1} s ({new FileInfo(dataPath).Length / 1e6:F0} MB data file)");

        await using var context = new TestStageContext(ws.Path, "metrics");
        GC.Collect();
        sw.Restart();
        var result = await new MetricsStage().RunAsync(context, new MetricsOptions
        {
            Data = new ArtifactRef(dataPath),
            Predictions = new ArtifactRef(ws.File("predictions.parquet")),
            MetaModel = new ArtifactRef(ws.File("meta_model.parquet")),
            Benchmark = new ArtifactRef(ws.File("benchmark.parquet")),
            Parallelism = threads,
        }, CancellationToken.None);
        var seconds = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"{"numerai.metrics stage from parquet (read id/era/target + 3 files, score, write)",-70} {seconds,8:F2} s  ({result.Status}, corr mean {context.TestOutputs.Values["corr_mean"][..8]})");
        foreach (var line in context.LogLines.Where(l => l.Contains("Scored", StringComparison.Ordinal)))
        {
            Console.WriteLine("  " + line);
        }
    }
}
