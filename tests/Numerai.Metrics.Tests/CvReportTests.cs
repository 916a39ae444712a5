using System.Text.RegularExpressions;
using NumeraiPipeline.Plugins.Numerai.Metrics;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace Numerai.Metrics.Tests;

/// <summary>numerai.report with lightgbm.cv's cv_metrics.json (the file as the LightGbm plugin writes it; LightGbm.Tests checks the writer).</summary>
public sealed class CvReportTests
{
    private const string CvMetrics = """
        {
          "kind": "lightgbm.cv", "target": "target", "folds": 2, "embargo": 1, "eras": 6, "rows": 600,
          "oof": { "mean": 0.0125, "std": 0.02, "sharpe": 0.625, "max_drawdown": 0.01, "eras": 6 },
          "per_fold": [
            { "fold": 1, "first_test_era": "0001", "last_test_era": "0003", "test_eras": 3, "train_eras": 2, "embargoed_eras": 1, "train_rows": 200, "test_rows": 300, "iterations": 50,
              "corr": { "mean": 0.03, "std": 0.01, "sharpe": 3, "max_drawdown": 0, "eras": 3 } },
            { "fold": 2, "first_test_era": "0004", "last_test_era": "0006", "test_eras": 3, "train_eras": 2, "embargoed_eras": 1, "train_rows": 200, "test_rows": 300, "iterations": 50,
              "corr": { "mean": -0.005, "std": 0.02, "sharpe": -0.25, "max_drawdown": 0.02, "eras": 3 } }
          ]
        }
        """;

    private static async Task<string> MetricsAsync(TempWorkspace ws)
    {
        var files = await FixtureFiles.WriteAsync(ws.Path, parquet: false);
        await using var metrics = new TestStageContext(ws.Path, "metrics");
        await new MetricsStage().RunAsync(metrics, new MetricsOptions { Predictions = new ArtifactRef(files.Predictions), Data = new ArtifactRef(files.Data) }, CancellationToken.None);
        return metrics.TestOutputs.Files["metrics"];
    }

    [Fact]
    public async Task The_report_shows_corr_per_fold_and_out_of_fold_with_a_chart()
    {
        using var ws = new TempWorkspace();
        var metrics = await MetricsAsync(ws);
        var cv = ws.File("cv_metrics.json");
        await File.WriteAllTextAsync(cv, CvMetrics);
        await using var context = new TestStageContext(ws.Path, "report");
        (await new ReportStage().RunAsync(context, new ReportOptions { Metrics = new ArtifactRef(metrics), Cv = new ArtifactRef(cv), Width = 640, Height = 320 }, CancellationToken.None))
            .Status.ShouldBe(StageResultStatus.Succeeded);

        context.TestOutputs.Files.Keys.ShouldContain("cv_png");
        var html = await File.ReadAllTextAsync(context.TestOutputs.Files["html"]);
        html.ShouldContain("<h2>Cross-validation</h2>");
        html.ShouldContain("2 folds of contiguous eras, embargo 1 era(s) on each side of every test block; 600 rows of 6 eras");
        Row(html, "1").ShouldBe(["1", "0001–0003 (3)", "2", "1", "200", "300", "0.0300", "0.0100", "3.0000", "0.0000"]);
        Row(html, "2")[6].ShouldBe("-0.0050");
        Row(html, "oof").ShouldBe(["out of fold", "6 eras", "", "0.0125", "0.0200", "0.6250", "0.0100"]);
        html.IndexOf("<h2>Cross-validation</h2>", StringComparison.Ordinal).ShouldBeGreaterThan(html.IndexOf("<h2>Summary</h2>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_that_is_not_lightgbm_cvs_fails_with_NP6213()
    {
        using var ws = new TempWorkspace();
        var metrics = await MetricsAsync(ws);
        await using var context = new TestStageContext(ws.Path, "report");
        var ex = await Should.ThrowAsync<StageException>(() => new ReportStage().RunAsync(context, new ReportOptions { Metrics = new ArtifactRef(metrics), Cv = new ArtifactRef(metrics) }, CancellationToken.None));
        ex.Code.ShouldBe("NP6213");
        ex.Message.ShouldBe("cross-validation metrics file 'metrics.json' cannot be read (it is not a lightgbm.cv cv_metrics.json (no \"kind\": \"lightgbm.cv\", \"oof\" or \"per_fold\")). Point cv at the 'metrics' output of a lightgbm.cv stage.");
    }

    private static string[] Row(string html, string fold)
    {
        var match = Regex.Match(html, $"<tr data-fold=\"{fold}\">(.*?)</tr>");
        match.Success.ShouldBeTrue(fold);
        return Regex.Matches(match.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(m => m.Groups[1].Value).ToArray();
    }
}
