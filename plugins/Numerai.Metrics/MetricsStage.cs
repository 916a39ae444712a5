using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.Numerai.Metrics.Document;
using NumeraiPipeline.Plugins.Numerai.Metrics.Input;
using NumeraiPipeline.Numerai.Scoring;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics;

/// <summary>
/// Scores predictions per era as Numerai does: CORR, MMC (with a meta model), BMC (with a benchmark), FNC and max
/// feature exposure (with features), and their mean, std, Sharpe and max drawdown.
/// </summary>
[Stage("numerai.metrics", Description = "Per-era Numerai metrics (CORR, MMC, BMC, FNC, feature exposure) of predictions.")]
[StageOutput("metrics", Description = "metrics.json: summaries and per-era values of each metric.")]
[StageOutput("per_era", Description = "per_era.csv: one row per era with every metric.")]
[StageOutput("corr_mean", Kind = OutputKind.Value, Description = "Mean per-era CORR.")]
[StageOutput("corr_std", Kind = OutputKind.Value, Description = "Std (ddof 0) of per-era CORR.")]
[StageOutput("corr_sharpe", Kind = OutputKind.Value, Description = "CORR mean / std.")]
[StageOutput("max_drawdown", Kind = OutputKind.Value, Description = "Max drawdown of cumulative CORR.")]
[StageOutput("mmc_mean", Kind = OutputKind.Value, Description = "Mean per-era MMC (set when meta_model is given).")]
[StageOutput("mmc_sharpe", Kind = OutputKind.Value, Description = "MMC mean / std (set when meta_model is given).")]
[StageOutput("bmc_mean", Kind = OutputKind.Value, Description = "Mean per-era BMC (set when benchmark is given).")]
[StageOutput("fnc_mean", Kind = OutputKind.Value, Description = "Mean per-era FNC (set when features are given).")]
[StageOutput("feature_exposure", Kind = OutputKind.Value, Description = "Mean over eras of the max feature exposure (set when features are given).")]
[StageOutput("eras", Kind = OutputKind.Value, Description = "Labelled eras scored.")]
public sealed class MetricsStage : IStage<MetricsOptions>
{
    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, MetricsOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string>? featureNames = null;
        if (options.Features is { } featuresJson)
        {
            featureNames = FeatureMetadata.Load(featuresJson.Path).Resolve(options.FeatureSet);
        }

        ScoringData data;
        string? benchmarkColumn;
        using (var read = context.ActivitySource.StartActivity("read inputs"))
        {
            (data, benchmarkColumn) = await Task.Run(() => ScoringInputLoader.Load(options, featureNames, context.Logger, cancellationToken), cancellationToken);
            read?.SetTag("rows", data.Rows);
            read?.SetTag("features", data.FeatureNames.Count);
        }

        var readTime = clock.Elapsed;
        var scoringOptions = new ScoringOptions { MaxDegreeOfParallelism = options.Parallelism, FeatureNeutralCorr = options.Fnc };
        ScoringResult result;
        using (var score = context.ActivitySource.StartActivity("score eras"))
        {
            try
            {
                result = await Task.Run(
                    () => new ScoringEngine(scoringOptions).Score(data, cancellationToken, (done, total) => context.Progress.Report(new StageProgress("scoring eras", done, total, "eras"))),
                    cancellationToken);
            }
            catch (ArgumentException ex)
            {
                throw MetricsErrors.InputUnreadable.ExceptionFrom(ex, "data", Path.GetFileName(options.Data!.Path), $"cannot be scored: {ex.Message}");
            }

            score?.SetTag("eras", result.Eras.Count);
        }

        foreach (var note in result.Notes.Take(10))
        {
            context.Logger.LogWarning("Not scored: {Note}", note);
        }

        if (result.Notes.Count > 10)
        {
            context.Logger.LogWarning("{More} more notes about eras or metrics not scored are in metrics.json (info.notes)", result.Notes.Count - 10);
        }

        if (!result.Eras.Any(e => double.IsFinite(e.Corr)))
        {
            throw MetricsErrors.NothingScored.Exception(
                Path.GetFileName(options.Data!.Path),
                $"no era could be scored ({result.Eras.Count} labelled eras, {result.UnlabelledEras} without targets): {result.Notes.FirstOrDefault() ?? "the data has no rows with a target"}",
                options.Target);
        }

        var info = new MetricsInfo { Target = options.Target, BenchmarkColumn = benchmarkColumn, Features = data.FeatureNames.Count };
        var doc = MetricsDocument.From(result, data, scoringOptions, info);
        await context.Outputs.WriteStreamAsync("metrics", "metrics.json", doc.SaveAsync, cancellationToken);
        await context.Outputs.WriteFileAsync("per_era", "per_era.csv", (path, ct) => File.WriteAllTextAsync(path, PerEraCsv(result, data, scoringOptions), ct), cancellationToken);
        SetValues(context, doc);
        context.Logger.LogInformation(
            "Scored {Eras} eras, {Rows} rows in {Seconds:F2} s (reading {ReadSeconds:F2} s)",
            result.Eras.Count, info.Rows, clock.Elapsed.TotalSeconds, readTime.TotalSeconds);
        return StageResult.Succeeded();
    }

    private static void SetValues(StageContext context, MetricsDocument doc)
    {
        void Value(string name, double? v)
        {
            if (v is { } x)
            {
                context.Outputs.SetValue(name, x.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        Value("corr_mean", doc.Corr?.Mean);
        Value("corr_std", doc.Corr?.Std);
        Value("corr_sharpe", doc.Corr?.Sharpe);
        Value("max_drawdown", doc.Corr?.MaxDrawdown);
        Value("mmc_mean", doc.Mmc?.Mean);
        Value("mmc_sharpe", doc.Mmc?.Sharpe);
        Value("bmc_mean", doc.Bmc?.Mean);
        Value("fnc_mean", doc.Fnc?.Mean);
        Value("feature_exposure", doc.FeatureExposure?.Mean);
        context.Outputs.SetValue("eras", doc.Info.Eras.ToString(CultureInfo.InvariantCulture));

        // one summary entry per metric for the host's outcome table, and the full table in the log
        foreach (var (key, label) in SummaryRows)
        {
            if (doc.SeriesByName(key) is { } s)
            {
                context.AddSummary(label, $"mean {F(s.Mean)} sharpe {F(s.Sharpe, "0.00")} mdd {F(s.MaxDrawdown)}");
            }
        }

        if (doc.FeatureExposure is { } fe)
        {
            context.AddSummary("exposure", $"mean {F(fe.Mean)} max {F(fe.Max)}");
        }

        context.AddSummary("eras", doc.Info.Eras.ToString(CultureInfo.InvariantCulture));
        context.Logger.LogInformation("Validation metrics:\n{Table}", SummaryTable(doc));
    }

    private static readonly (string Key, string Label)[] SummaryRows = [("corr", "corr"), ("mmc", "mmc"), ("bmc", "bmc"), ("fnc", "fnc")];

    /// <summary>A fixed-width text table of the summaries.</summary>
    internal static string SummaryTable(MetricsDocument doc)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{"metric",-18}{"mean",10}{"std",10}{"sharpe",10}{"max dd",10}{"eras",7}\n");
        foreach (var (key, label) in SummaryRows.Concat([("corr_with_meta_model", "corr w/ meta"), ("corr_with_benchmark", "corr w/ bench")]))
        {
            if (doc.SeriesByName(key) is { } s)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{label,-18}{F(s.Mean),10}{F(s.Std),10}{F(s.Sharpe, "0.00"),10}{F(s.MaxDrawdown),10}{s.Eras,7}\n");
            }
        }

        if (doc.FeatureExposure is { } fe)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{"feature exposure",-18}{F(fe.Mean),10}{"",10}{"max",10}{F(fe.Max),10}{fe.PerEra.Count,7}\n");
        }

        return sb.ToString().TrimEnd('\n');
    }

    private static string F(double? v, string format = "0.0000") => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string PerEraCsv(ScoringResult result, ScoringData data, ScoringOptions options)
    {
        var columns = new List<(string Name, Func<EraScore, string> Value)>
        {
            ("era", e => e.Era),
            ("rows", e => e.ScoredRows.ToString(CultureInfo.InvariantCulture)),
            ("corr", e => Format(e.Corr)),
        };
        if (data.MetaModel is not null)
        {
            columns.Add(("mmc", e => Format(e.Mmc)));
            columns.Add(("corr_with_meta_model", e => Format(e.CorrWithMetaModel)));
        }

        if (data.Benchmark is not null)
        {
            columns.Add(("bmc", e => Format(e.Bmc)));
            columns.Add(("corr_with_benchmark", e => Format(e.CorrWithBenchmark)));
        }

        if (data.Features is not null && options.FeatureNeutralCorr)
        {
            columns.Add(("fnc", e => Format(e.Fnc)));
        }

        if (data.Features is not null && options.FeatureExposure)
        {
            columns.Add(("max_feature_exposure", e => Format(e.MaxFeatureExposure)));
            columns.Add(("max_exposure_feature", e => e.MaxExposureFeature ?? ""));
        }

        var sb = new StringBuilder();
        sb.AppendJoin(',', columns.Select(c => c.Name)).Append('\n');
        foreach (var era in result.Eras)
        {
            sb.AppendJoin(',', columns.Select(c => c.Value(era))).Append('\n');
        }

        return sb.ToString();
    }

    private static string Format(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
