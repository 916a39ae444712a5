using NumeraiPipeline.Plugins.Numerai.Metrics;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace Numerai.Metrics.Tests;

public sealed class GateStageTests
{
    private static async Task<string> MetricsJsonAsync(TempWorkspace ws)
    {
        var files = await FixtureFiles.WriteAsync(ws.Path, parquet: false);
        await using var context = new TestStageContext(ws.Path, "metrics");
        await new MetricsStage().RunAsync(context, new MetricsOptions
        {
            Predictions = new ArtifactRef(files.Predictions),
            Data = new ArtifactRef(files.Data),
            MetaModel = new ArtifactRef(files.Meta),
            Features = new ArtifactRef(files.Features),
        }, CancellationToken.None);
        return context.TestOutputs.Files["metrics"];
    }

    [Fact]
    public async Task Passing_thresholds_succeed_and_output_passed_true()
    {
        using var ws = new TempWorkspace();
        var metrics = await MetricsJsonAsync(ws);
        await using var context = new TestStageContext(ws.Path, "gate");

        // fixture: corr mean 0.1009, sharpe 1.196, drawdown 0.0081, exposure 0.3617, mmc mean 0.0881
        var result = await new GateStage().RunAsync(context, new GateOptions
        {
            Metrics = new ArtifactRef(metrics),
            MinCorrMean = 0.1,
            MinSharpe = 1.0,
            MaxDrawdown = 0.01,
            MaxFeatureExposure = 0.4,
            MinMmcMean = 0.08,
            MinEras = 6,
        }, CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Succeeded);
        context.TestOutputs.Values["passed"].ShouldBe("true");
        context.TestOutputs.Values["reasons"].ShouldBe("");
        context.TestOutputs.Values["checks"].ShouldBe("6");
    }

    [Fact]
    public async Task Failing_thresholds_decline_with_every_failed_check_value_and_threshold()
    {
        using var ws = new TempWorkspace();
        var metrics = await MetricsJsonAsync(ws);
        await using var context = new TestStageContext(ws.Path, "gate");
        var result = await new GateStage().RunAsync(context, new GateOptions
        {
            Metrics = new ArtifactRef(metrics),
            MinCorrMean = 0.2,
            MinSharpe = 1.0,
            MaxFeatureExposure = 0.3,
            MinBmcMean = 0.01,
        }, CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Declined);
        result.Code.ShouldBe("NP6220");
        result.Message.ShouldBe(
            "quality gate failed 3 of 4 checks: corr mean 0.1009 < min 0.2; max feature exposure 0.3617 > max 0.3; "
            + "bmc mean is not in metrics.json (needed for the threshold 0.01; give the stage's input that computes it)");
        context.TestOutputs.Values["passed"].ShouldBe("false");
        context.TestOutputs.Values["reasons"].ShouldContain("corr mean 0.1009 < min 0.2");
    }

    [Fact]
    public async Task Unreadable_metrics_fail_with_NP6210()
    {
        using var ws = new TempWorkspace();
        var bad = ws.File("metrics.json");
        await File.WriteAllTextAsync(bad, "{ not json");
        await using var context = new TestStageContext(ws.Path, "gate");
        var ex = await Should.ThrowAsync<StageException>(() => new GateStage().RunAsync(context, new GateOptions { Metrics = new ArtifactRef(bad), MinCorrMean = 0 }, CancellationToken.None));
        ex.Code.ShouldBe("NP6210");
        ex.ExitCode.ShouldBe(1);
        ex.InnerException.ShouldNotBeNull();
        ex.Message.ShouldBe($"metrics file '{bad}' cannot be read ({ex.InnerException.Message}). Point metrics at the 'metrics' output of a numerai.metrics stage.");
    }
}
