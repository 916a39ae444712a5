using System.Globalization;
using System.Text;
using System.Text.Json;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.Numerai.Metrics;
using NumeraiPipeline.Numerai.Scoring;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace Numerai.Metrics.Tests;

/// <summary>The stage on a parquet file laid out as Numerai's (pyarrow-like writer: dictionary-encoded nullable int8, NaN targets).</summary>
public sealed class RealLayoutTests
{
    private static string Sample(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "format-sample", file);

    [Fact]
    public async Task Validation_parquet_with_unlabelled_eras_scores_like_the_reference()
    {
        using var ws = new TempWorkspace();
        var features = FeatureMetadata.Load(Sample("features.json")).Resolve("medium");
        DataBlock block;
        double[] target;
        using (var reader = NumeraiParquetReader.Open(Sample("validation.parquet")))
        {
            block = reader.ReadAll(new ReadSpec { Features = features });
            target = reader.ReadNumberColumn("target");
        }

        // predictions with some signal from two features, plus ties
        var p = features.Count;
        var rng = new Random(11);
        var pred = Enumerable.Range(0, block.RowCount)
            .Select(i => Math.Round((0.1 * block.GetFeature(i, 0)) - (0.05 * block.GetFeature(i, 3)) + (0.2 * rng.NextDouble()), 2)).ToArray();
        var csv = new StringBuilder("id,prediction\n");
        for (var i = 0; i < block.RowCount; i++)
        {
            csv.Append(block.Ids[i]).Append(',').Append(pred[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        var predictions = ws.File("predictions.csv");
        await File.WriteAllTextAsync(predictions, csv.ToString());
        await using var context = new TestStageContext(ws.Path, "metrics");
        var result = await new MetricsStage().RunAsync(context, new MetricsOptions
        {
            Predictions = new ArtifactRef(predictions),
            Data = new ArtifactRef(Sample("validation.parquet")),
            Features = new ArtifactRef(Sample("features.json")),
            FeatureSet = "medium",
        }, CancellationToken.None);
        result.Status.ShouldBe(StageResultStatus.Succeeded);

        var data = new ScoringData { Eras = block.Eras, Target = target, Prediction = pred, Features = FeatureMatrix.FromRowMajor(block.Features, p), FeatureNames = features };
        var naive = NaiveReference.Score(block.Ids, data);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(context.TestOutputs.Files["metrics"]));
        var corr = doc.RootElement.GetProperty("corr").GetProperty("per_era");
        var fnc = doc.RootElement.GetProperty("fnc").GetProperty("per_era");
        corr.EnumerateObject().Select(e => e.Name).ShouldBe(naive.Select(n => n.Era));
        naive.Count.ShouldBeLessThan(block.Eras.Distinct().Count()); // unlabelled eras dropped
        foreach (var era in naive)
        {
            corr.GetProperty(era.Era).GetDouble().ShouldBe(era.Corr, 1e-12);
            fnc.GetProperty(era.Era).GetDouble().ShouldBe(era.Fnc, 1e-9);
        }

        doc.RootElement.GetProperty("info").GetProperty("unlabelled_eras").GetInt32().ShouldBeGreaterThan(0);
        doc.RootElement.GetProperty("feature_exposure").GetProperty("mean").GetDouble().ShouldBe(naive.Average(n => n.Exposure), 1e-12);
    }
}
