using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using NumeraiPipeline.Numerai.Api.Live;
using NumeraiPipeline.Plugins.Numerai.Metrics;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace Numerai.Metrics.Tests;

/// <summary>numerai.report's Live section and numerai.gate's live checks on a performance.json.</summary>
public sealed class LiveReportAndGateTests
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
            Benchmark = new ArtifactRef(files.Benchmark),
        }, CancellationToken.None);
        return context.TestOutputs.Files["metrics"];
    }

    /// <summary>A model whose first 10 resolved rounds score 0.03 and last 20 −0.01 (MMC a fifth of it), then resolving and pending rounds.</summary>
    private static async Task<string> DecayingPerformanceAsync(TempWorkspace ws, int resolved = 30, int resolving = 4, int pending = 2)
    {
        var rounds = new List<LiveRound>();
        for (var i = 0; i < resolved + resolving + pending; i++)
        {
            var status = i < resolved ? LiveStatus.Resolved : i < resolved + resolving ? LiveStatus.Resolving : LiveStatus.Pending;
            double? corr = status == LiveStatus.Pending ? null : i < 10 ? 0.03 : -0.01;
            rounds.Add(new LiveRound
            {
                Round = 1000 + i,
                Status = status,
                Day = status == LiveStatus.Resolved ? 20 : status == LiveStatus.Resolving ? 5 : null,
                Corr = corr,
                Mmc = corr / 5,
                Bmc = corr / 4,
                AtRisk = 100m,
                Payout = corr is { } c ? (decimal)(100 * c) : null,
                OpenTime = new DateTimeOffset(2026, 1, 1, 13, 0, 0, TimeSpan.Zero).AddDays(i),
            });
        }

        var document = new LivePerformance { Model = "decaying", ModelId = "id", FetchedAt = DateTimeOffset.UnixEpoch, Rounds = rounds, Summary = LivePerformance.Summarise(rounds, 20) };
        var path = ws.File($"performance-{resolved}.json");
        await File.WriteAllTextAsync(path, document.ToJson());
        return path;
    }

    [Fact]
    public async Task The_report_has_a_live_section_beside_the_validation_figures()
    {
        using var ws = new TempWorkspace();
        var metrics = await MetricsJsonAsync(ws);
        var performance = await DecayingPerformanceAsync(ws);
        await using var context = new TestStageContext(ws.Path, "report");

        var result = await new ReportStage().RunAsync(context, new ReportOptions { Metrics = new ArtifactRef(metrics), Performance = new ArtifactRef(performance), Width = 640, Height = 320 }, CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Succeeded);
        context.TestOutputs.Files.Keys.ShouldContain("live_png");
        context.TestOutputs.Files.Keys.ShouldContain("live_payout_png");
        (await File.ReadAllBytesAsync(context.TestOutputs.Files["live_png"])).Length.ShouldBeGreaterThan(5000);
        var html = await File.ReadAllTextAsync(context.TestOutputs.Files["html"]);
        html.ShouldContain("<h2 id=\"live\">Live</h2>");
        html.ShouldContain("Model <code>decaying</code> on Numerai: 30 resolved and 4 resolving rounds");
        html.ShouldContain("Live figures: the last 20 resolved rounds (1010–1029).");
        Cells(html, "live-summary", "corr").ShouldBe(["CORR", "0.1009", "-0.0100", "20"]);
        Cells(html, "live-summary", "mmc").ShouldBe(["MMC", "0.0881", "-0.0020", "20"]);
        Cells(html, "live-summary", "bmc").ShouldBe(["BMC", "0.0933", "-0.0025", "20"]);
        Cells(html, "live-summary", "payout").ShouldBe(["payout (NMR, sum)", "–", "-20", "20"]);
        Regex.Matches(html, "src=\"data:image/png;base64,").Count.ShouldBe(6, "four validation charts (no features, no exposure) and two live ones");
        html.ShouldContain("<tr><td>1035</td><td>pending</td><td>–</td>");
        html.ShouldContain("<tr><td>1000</td><td>resolved</td><td>20</td><td>0.0300</td>");
        html.IndexOf("id=\"live\"", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("<h2>Per era</h2>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_decaying_model_is_declined_by_its_live_corr_with_the_reason()
    {
        using var ws = new TempWorkspace();
        var metrics = await MetricsJsonAsync(ws);
        await using var context = new TestStageContext(ws.Path, "gate");

        var result = await new GateStage().RunAsync(context, new GateOptions
        {
            Metrics = new ArtifactRef(metrics),
            MinCorrMean = 0.1,
            Performance = new ArtifactRef(await DecayingPerformanceAsync(ws)),
            MinLiveCorrMean = 0.0,
            LiveRounds = 20,
        }, CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Declined);
        result.Code.ShouldBe("NP6220");
        result.Message.ShouldBe("quality gate failed 1 of 2 checks: live corr mean (last 20 resolved rounds, 1010-1029) -0.01 < min 0");
        context.TestOutputs.Values["passed"].ShouldBe("false");
    }

    [Fact]
    public async Task The_live_window_decides_which_rounds_count()
    {
        using var ws = new TempWorkspace();
        var metrics = await MetricsJsonAsync(ws);
        await using var context = new TestStageContext(ws.Path, "gate");

        // Over the last 30 resolved rounds the mean is (10 × 0.03 − 20 × 0.01) / 30 > 0: the same model passes.
        var result = await new GateStage().RunAsync(context, new GateOptions
        {
            Metrics = new ArtifactRef(metrics),
            Performance = new ArtifactRef(await DecayingPerformanceAsync(ws)),
            MinLiveCorrMean = 0.0,
            MinLiveMmcMean = 0.0,
            LiveRounds = 30,
        }, CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Succeeded, result.Message);
        context.TestOutputs.Values["checks"].ShouldBe("2");
    }

    [Fact]
    public async Task A_new_model_without_enough_resolved_rounds_is_not_held_back_and_the_gate_says_so()
    {
        using var ws = new TempWorkspace();
        var metrics = await MetricsJsonAsync(ws);
        await using var context = new TestStageContext(ws.Path, "gate");

        var result = await new GateStage().RunAsync(context, new GateOptions
        {
            Metrics = new ArtifactRef(metrics),
            MinCorrMean = 0.1,
            Performance = new ArtifactRef(await DecayingPerformanceAsync(ws, resolved: 3)),
            MinLiveCorrMean = 0.05,
            MinLiveRounds = 5,
        }, CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Succeeded, result.Message);
        context.SummaryValues["live checks"].ShouldBe("skipped: 3 resolved rounds < min_live_rounds 5");
        context.LogLines.ShouldContain(l => l.Contains("Live checks skipped: model decaying has 3 resolved rounds, fewer than min_live_rounds 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_gate_with_live_thresholds_only_lets_a_model_without_resolved_rounds_through_with_the_reason()
    {
        // numerai-daily's gate: only min_live_corr_mean, and a new model (no resolved round yet).
        using var ws = new TempWorkspace();
        var metrics = await MetricsJsonAsync(ws);
        await using var context = new TestStageContext(ws.Path, "gate");

        var result = await new GateStage().RunAsync(context, new GateOptions
        {
            Metrics = new ArtifactRef(metrics),
            Performance = new ArtifactRef(await DecayingPerformanceAsync(ws, resolved: 0)),
            MinLiveCorrMean = 0.0,
        }, CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Succeeded, result.Message);
        context.TestOutputs.Values["checks"].ShouldBe("0");
        context.SummaryValues["live checks"].ShouldBe("skipped: 0 resolved rounds < min_live_rounds 1");
        context.LogLines.ShouldNotContain(l => l.Contains("no thresholds set", StringComparison.Ordinal), "its thresholds are set; they do not apply yet");
    }

    [Fact]
    public void Live_thresholds_without_a_performance_file_are_an_option_error()
    {
        var options = new GateOptions { Metrics = new ArtifactRef("metrics.json"), MinLiveCorrMean = 0, MinLiveMmcMean = 2, MinLiveRounds = 30 };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).ShouldBeFalse();

        results.Select(r => r.ErrorMessage).ShouldBe(
        [
            "options 'min_live_corr_mean' and 'min_live_mmc_mean' need 'performance': give the performance output of a numerai.performance stage.",
            "option 'min_live_mmc_mean' must be from -1 to 1 (it is a mean score), not 2.",
            "option 'min_live_rounds' (30) exceeds 'live_rounds' (20): the live checks could never apply.",
        ]);
    }

    [Fact]
    public async Task An_unreadable_performance_file_is_NP6212()
    {
        using var ws = new TempWorkspace();
        var metrics = await MetricsJsonAsync(ws);
        var bad = ws.File("performance.json");
        await File.WriteAllTextAsync(bad, "[1, 2");
        await using var context = new TestStageContext(ws.Path, "report");

        var report = await Should.ThrowAsync<StageException>(() => new ReportStage().RunAsync(context, new ReportOptions { Metrics = new ArtifactRef(metrics), Performance = new ArtifactRef(bad) }, CancellationToken.None));
        var gate = await Should.ThrowAsync<StageException>(() => new GateStage().RunAsync(context, new GateOptions { Metrics = new ArtifactRef(metrics), Performance = new ArtifactRef(bad), MinLiveCorrMean = 0 }, CancellationToken.None));

        report.Code.ShouldBe("NP6212");
        gate.Code.ShouldBe("NP6212");
        gate.Message.ShouldStartWith($"performance file '{bad}' cannot be read (");
        gate.Message.ShouldEndWith("). Point performance at the 'performance' output of a numerai.performance stage.");
        report.Message.ShouldBe($"performance file '{bad}' cannot be read ({report.InnerException!.Message}). Point performance at the 'performance' output of a numerai.performance stage.");
        gate.Message.ShouldBe(report.Message);
    }

    private static string[] Cells(string html, string table, string metric)
    {
        var start = html.IndexOf($"<table id=\"{table}\">", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, table);
        var match = Regex.Match(html[start..], $"<tr data-metric=\"{metric}\">(.*?)</tr>");
        match.Success.ShouldBeTrue(metric);
        return [.. Regex.Matches(match.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(m => m.Groups[1].Value)];
    }
}
