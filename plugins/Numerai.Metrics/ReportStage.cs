using System.Text.Json;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Api.Live;
using NumeraiPipeline.Plugins.Numerai.Metrics.Document;
using NumeraiPipeline.Plugins.Numerai.Metrics.Report;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.Numerai.Scoring.CrossValidation;

namespace NumeraiPipeline.Plugins.Numerai.Metrics;

/// <summary>
/// A self-contained HTML report of metrics.json: the summary table, cumulative CORR/MMC/BMC by era, per-era bars and
/// the feature exposure, drawn with ScottPlot; the charts are embedded (data URIs) and also written as PNG files.
/// With performance.json (numerai.performance) a Live section shows what the model does on Numerai beside the
/// validation figures.
/// </summary>
[Stage("numerai.report", Description = "HTML report (with PNG charts) of numerai.metrics results; opens offline.")]
[StageOutput("html", Description = "report.html, self-contained (charts embedded).")]
[StageOutput("cumulative_png", Description = "cumulative.png: cumulative CORR, MMC and BMC by era.")]
[StageOutput("per_era_png", Description = "per_era_corr.png: per-era CORR bars.")]
[StageOutput("per_era_mmc_png", Description = "per_era_mmc.png: per-era MMC bars (when MMC is present).")]
[StageOutput("per_era_bmc_png", Description = "per_era_bmc.png: per-era BMC bars (when BMC is present).")]
[StageOutput("exposure_png", Description = "exposure.png: max feature exposure by era (when present).")]
[StageOutput("cv_png", Description = "cv_folds.png: CORR mean per cross-validation fold (with cv).")]
[StageOutput("live_png", Description = "live.png: cumulative live CORR, MMC and BMC per resolved round beside the validation expectation (with performance).")]
[StageOutput("live_payout_png", Description = "live_payout.png: payout per round (with performance).")]
public sealed class ReportStage : IStage<ReportOptions>
{
    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, ReportOptions options, CancellationToken cancellationToken)
    {
        MetricsDocument doc;
        try
        {
            doc = MetricsDocument.Load(options.Metrics!.Path);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw MetricsErrors.MetricsUnreadable.ExceptionFrom(ex, options.Metrics!.Path, $"cannot be read ({ex.Message})");
        }

        if (doc.Corr is null)
        {
            throw MetricsErrors.MetricsUnreadable.Exception(options.Metrics!.Path, "has no 'corr' section");
        }

        LivePerformance? live = null;
        if (options.Performance is { } performance)
        {
            try
            {
                live = LivePerformance.Load(performance.Path);
            }
            catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
            {
                throw MetricsErrors.PerformanceUnreadable.ExceptionFrom(ex, performance.Path, ex.Message);
            }
        }

        CvMetricsDocument? cv = null;
        if (options.Cv is { } cvFile)
        {
            try
            {
                cv = CvMetricsDocument.Load(cvFile.Path);
            }
            catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
            {
                throw MetricsErrors.CvUnreadable.ExceptionFrom(ex, Path.GetFileName(cvFile.Path), ex.Message);
            }
        }

        var eras = doc.Corr.PerEra.Keys.ToList();
        double[] Values(SeriesReport s) => eras.Select(e => s.PerEra.GetValueOrDefault(e) ?? double.NaN).ToArray();
        var charts = new List<(string Output, string Caption, string File, byte[] Png)>();
        var liveCharts = new List<(string Output, string Caption, string File, byte[] Png)>();
        var cvCharts = new List<(string Output, string Caption, string File, byte[] Png)>();
        using (var activity = context.ActivitySource.StartActivity("render charts"))
        {
            try
            {
                var renderer = new ChartRenderer(options.Width, options.Height);
                if (cv is not null)
                {
                    var folds = cv.PerFold.Select(f => $"{f.Fold}: {f.FirstTestEra}-{f.LastTestEra}").ToList();
                    cvCharts.Add(("cv_png", "CORR mean per fold (test eras)", "cv_folds.png",
                        renderer.Bars("CORR mean per cross-validation fold", folds, new ChartSeries("CORR", [.. cv.PerFold.Select(f => f.Corr.Mean ?? double.NaN)]))));
                }

                if (live is not null)
                {
                    liveCharts.AddRange(LiveSection.Charts(renderer, live, doc));
                }

                var cumulative = new List<ChartSeries> { new("CORR", Values(doc.Corr)) };
                if (doc.Mmc is { } mmc)
                {
                    cumulative.Add(new ChartSeries("MMC", Values(mmc)));
                }

                if (doc.Bmc is { } bmc)
                {
                    cumulative.Add(new ChartSeries("BMC", Values(bmc)));
                }

                charts.Add(("cumulative_png", "Cumulative " + string.Join(", ", cumulative.Select(c => c.Name)) + " by era", "cumulative.png",
                    renderer.Cumulative("Cumulative score by era", eras, cumulative)));
                charts.Add(("per_era_png", "CORR per era", "per_era_corr.png", renderer.Bars("CORR per era", eras, new ChartSeries("CORR", Values(doc.Corr)))));
                if (doc.Mmc is { } mmcBars)
                {
                    charts.Add(("per_era_mmc_png", "MMC per era", "per_era_mmc.png", renderer.Bars("MMC per era", eras, new ChartSeries("MMC", Values(mmcBars)))));
                }

                if (doc.Bmc is { } bmcBars)
                {
                    charts.Add(("per_era_bmc_png", "BMC per era", "per_era_bmc.png", renderer.Bars("BMC per era", eras, new ChartSeries("BMC", Values(bmcBars)))));
                }

                if (doc.FeatureExposure is { } fe)
                {
                    var exposure = eras.Select(e => fe.PerEra.GetValueOrDefault(e) ?? double.NaN).ToArray();
                    charts.Add(("exposure_png", "Max feature exposure by era", "exposure.png",
                        renderer.Exposure("Max feature exposure by era", eras, exposure, fe.Mean ?? double.NaN)));
                }
            }
            catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException)
            {
                throw MetricsErrors.ReportFailed.ExceptionFrom(ex, ex.GetBaseException().Message);
            }

            activity?.SetTag("charts", charts.Count + liveCharts.Count + cvCharts.Count);
        }

        foreach (var (output, _, file, png) in liveCharts.Concat(cvCharts).Concat(charts))
        {
            await context.Outputs.WriteFileAsync(output, file, (path, ct) => File.WriteAllBytesAsync(path, png, ct), cancellationToken);
        }

        var html = HtmlReport.Build(
            options.Title, context.Time.GetUtcNow(), doc, charts.Select(c => (c.Caption, c.File, c.Png)).ToList(), live, liveCharts.Select(c => (c.Caption, c.File, c.Png)).ToList(),
            cv, cvCharts.Select(c => (c.Caption, c.File, c.Png)).ToList());
        var htmlPath = await context.Outputs.WriteFileAsync("html", "report.html", (path, ct) => File.WriteAllTextAsync(path, html, ct), cancellationToken);
        context.AddSummary("report", htmlPath);
        context.Logger.LogInformation("Report with {Charts} charts written to {Path}", charts.Count + liveCharts.Count + cvCharts.Count, htmlPath);
        return StageResult.Succeeded();
    }
}
