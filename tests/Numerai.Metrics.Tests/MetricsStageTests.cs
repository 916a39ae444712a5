using System.Text.Json;
using NumeraiPipeline.Plugins.Numerai.Metrics;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace Numerai.Metrics.Tests;

public sealed class MetricsStageTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stage_writes_metrics_json_matching_numerai_tools(bool parquet)
    {
        using var ws = new TempWorkspace();
        var files = await FixtureFiles.WriteAsync(ws.Path, parquet);
        await using var context = new TestStageContext(ws.Path, "metrics");
        var result = await new MetricsStage().RunAsync(context, new MetricsOptions
        {
            Predictions = new ArtifactRef(files.Predictions),
            Data = new ArtifactRef(files.Data),
            MetaModel = new ArtifactRef(files.Meta),
            Benchmark = new ArtifactRef(files.Benchmark),
            Features = new ArtifactRef(files.Features),
            FeatureSet = "small",
        }, CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Succeeded);
        var expected = ScoringSample.Expected();
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(context.TestOutputs.Files["metrics"]));
        var root = doc.RootElement;
        foreach (var series in new[] { "corr", "mmc", "bmc", "fnc" })
        {
            var actual = root.GetProperty(series);
            var exp = expected.GetProperty(series);
            foreach (var key in new[] { "mean", "std", "sharpe", "max_drawdown" })
            {
                actual.GetProperty(key).GetDouble().ShouldBe(exp.GetProperty(key).GetDouble(), 1e-9, $"{series}.{key}");
            }

            foreach (var era in exp.GetProperty("per_era").EnumerateObject())
            {
                actual.GetProperty("per_era").GetProperty(era.Name).GetDouble().ShouldBe(era.Value.GetDouble(), 1e-9, $"{series} {era.Name}");
            }
        }

        root.GetProperty("feature_exposure").GetProperty("mean").GetDouble()
            .ShouldBe(expected.GetProperty("max_feature_exposure").GetProperty("mean").GetDouble(), 1e-9);
        root.GetProperty("info").GetProperty("benchmark_column").GetString().ShouldBe("v53_lgbm_ender20");

        var values = context.TestOutputs.Values;
        double.Parse(values["corr_mean"], System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(expected.GetProperty("corr").GetProperty("mean").GetDouble(), 1e-12);
        values.Keys.ShouldBe(["corr_mean", "corr_std", "corr_sharpe", "max_drawdown", "mmc_mean", "mmc_sharpe", "bmc_mean", "fnc_mean", "feature_exposure", "eras"], ignoreOrder: true);
        values["eras"].ShouldBe("6");
        context.ProgressReports.Last().ShouldBe(new StageProgress("scoring eras", 6, 6, "eras"));
        context.SummaryValues["corr"].ShouldBe("mean 0.1009 sharpe 1.20 mdd 0.0081");
        context.LogLines.ShouldContain(l => l.Contains("corr                  0.1009    0.0844      1.20    0.0081      6", StringComparison.Ordinal));

        var csv = await File.ReadAllLinesAsync(context.TestOutputs.Files["per_era"]);
        csv[0].ShouldBe("era,rows,corr,mmc,corr_with_meta_model,bmc,corr_with_benchmark,fnc,max_feature_exposure,max_exposure_feature");
        csv.Length.ShouldBe(7);
        csv[1].ShouldStartWith("0001,");
    }

    [Fact]
    public async Task Optional_inputs_only_add_their_metrics()
    {
        using var ws = new TempWorkspace();
        var files = await FixtureFiles.WriteAsync(ws.Path, parquet: false);
        await using var context = new TestStageContext(ws.Path, "metrics");
        await new MetricsStage().RunAsync(context, new MetricsOptions
        {
            Predictions = new ArtifactRef(files.Predictions),
            Data = new ArtifactRef(files.Data),
        }, CancellationToken.None);

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(context.TestOutputs.Files["metrics"]));
        doc.RootElement.TryGetProperty("corr", out _).ShouldBeTrue();
        doc.RootElement.TryGetProperty("mmc", out _).ShouldBeFalse();
        doc.RootElement.TryGetProperty("bmc", out _).ShouldBeFalse();
        doc.RootElement.TryGetProperty("fnc", out _).ShouldBeFalse();
        doc.RootElement.TryGetProperty("feature_exposure", out _).ShouldBeFalse();
        context.TestOutputs.Values.Keys.ShouldBe(["corr_mean", "corr_std", "corr_sharpe", "max_drawdown", "eras"], ignoreOrder: true);
    }

    [Fact]
    public async Task Unknown_feature_set_fails_with_a_suggestion()
    {
        using var ws = new TempWorkspace();
        var files = await FixtureFiles.WriteAsync(ws.Path, parquet: false);
        await using var context = new TestStageContext(ws.Path, "metrics");
        var ex = await Should.ThrowAsync<StageException>(() => new MetricsStage().RunAsync(context, new MetricsOptions
        {
            Predictions = new ArtifactRef(files.Predictions),
            Data = new ArtifactRef(files.Data),
            Features = new ArtifactRef(files.Features),
            FeatureSet = "smal",
        }, CancellationToken.None));
        ex.Code.ShouldBe("NP6603");
        ex.Message.ShouldContain("small");
    }

    [Fact]
    public async Task Data_without_the_feature_columns_lists_them()
    {
        using var ws = new TempWorkspace();
        var files = await FixtureFiles.WriteAsync(ws.Path, parquet: true);
        await using var context = new TestStageContext(ws.Path, "metrics");
        var ex = await Should.ThrowAsync<StageException>(() => new MetricsStage().RunAsync(context, new MetricsOptions
        {
            Predictions = new ArtifactRef(files.Predictions),
            Data = new ArtifactRef(files.Data),
            Target = "target_cyrusd_20",
        }, CancellationToken.None));
        ex.Code.ShouldBe("NP6202");
        ex.Message.ShouldBe("data file 'validation.parquet' lacks the column(s) 'target_cyrusd_20'. Check the target and feature_set options (and that the file is Numerai data with id and era).");
    }

    [Fact]
    public async Task Predictions_for_other_ids_fail_with_NP6203()
    {
        using var ws = new TempWorkspace();
        var files = await FixtureFiles.WriteAsync(ws.Path, parquet: false);
        var other = ws.File("other.csv");
        await File.WriteAllTextAsync(other, "id,prediction\nnffff,0.5\nneeee,0.4\n");
        await using var context = new TestStageContext(ws.Path, "metrics");
        var ex = await Should.ThrowAsync<StageException>(() => new MetricsStage().RunAsync(context, new MetricsOptions
        {
            Predictions = new ArtifactRef(other),
            Data = new ArtifactRef(files.Data),
        }, CancellationToken.None));
        ex.Code.ShouldBe("NP6203");
        ex.Message.ShouldBe("nothing could be scored against the data file 'data.csv': none of the 2 prediction ids is in it. Score predictions made for the rows of 'data.csv' (e.g. validation predictions against validation.parquet) with its target column 'target' filled.");
        context.TestOutputs.Files.ShouldBeEmpty();
    }

    [Fact]
    public async Task Missing_prediction_column_names_the_columns()
    {
        using var ws = new TempWorkspace();
        var files = await FixtureFiles.WriteAsync(ws.Path, parquet: true);
        await using var context = new TestStageContext(ws.Path, "metrics");
        var ex = await Should.ThrowAsync<StageException>(() => new MetricsStage().RunAsync(context, new MetricsOptions
        {
            Predictions = new ArtifactRef(files.Predictions),
            PredictionColumn = "pred",
            Data = new ArtifactRef(files.Data),
        }, CancellationToken.None));
        ex.Code.ShouldBe("NP6602");
        ex.Message.ShouldContain("'pred'");
    }
}
