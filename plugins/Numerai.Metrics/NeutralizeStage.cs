using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.Numerai.Metrics.Neutralize;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics;

/// <summary>
/// Feature neutralization per era (numerai-tools <c>neutralize</c>): each prediction column minus proportion × its
/// least-squares fit on a feature set plus a constant, then optionally ranked per era. Reads the data one bounded
/// block at a time and keeps a few eras' features in memory.
/// </summary>
[Stage("numerai.neutralize", Description = "Neutralizes prediction columns per era against a feature set (least squares on the features plus a constant, numerai-tools' neutralize), then ranks them per era.")]
[StageOutput("predictions", Description = "predictions.parquet: id, the neutralized columns, era — the rows of the input predictions, in their order.")]
[StageOutput("csv", Description = "predictions.csv: id and the neutralized columns with round-trip float precision.")]
[StageOutput("report", Description = "neutralization.json: per column the mean per-era max feature exposure before and after, constant (NaN) eras, per-era figures.")]
[StageOutput("exposure_before", Kind = OutputKind.Value, Description = "Mean over eras of the max feature exposure of the first column before neutralizing.")]
[StageOutput("exposure_after", Kind = OutputKind.Value, Description = "Mean over eras of the max feature exposure of the first column as written (after ranking when rank is true).")]
[StageOutput("eras", Kind = OutputKind.Value, Description = "Eras neutralized.")]
[StageOutput("rows", Kind = OutputKind.Value, Description = "Prediction rows written.")]
public sealed class NeutralizeStage : IStage<NeutralizeOptions>
{
    private const string Stage = "numerai.neutralize";

    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, NeutralizeOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var dataPath = options.Data?.Path ?? throw MetricsErrors.BadOptions.Exception(Stage, "data", "is missing. Point it at the parquet with the predictions' features, e.g. validation.parquet");
        var predictionsPath = options.Predictions?.Path ?? throw MetricsErrors.BadOptions.Exception(Stage, "predictions", "is missing. Point it at a predictions file, e.g. the ensemble's");
        IReadOnlyList<string> featureNames = options.Columns.Count > 0
            ? options.Columns
            : FeatureMetadata.Load(options.Features?.Path ?? throw MetricsErrors.BadOptions.Exception(Stage, "feature_set", "needs 'features' (features.json). Set 'features', or list the columns to neutralize against in 'columns'"))
                .Resolve(options.FeatureSet ?? "small");
        var dataName = Path.GetFileName(dataPath);
        var settings = new NeutralizeSettings(featureNames, options.Proportion, options.Rank, dataName);

        var predictions = await Task.Run(() => PredictionTable.Read(predictionsPath, options.PredictionColumns, cancellationToken), cancellationToken);
        foreach (var column in predictions.Columns.Where(c => featureNames.Contains(c, StringComparer.Ordinal)).Take(1))
        {
            throw MetricsErrors.BadOptions.Exception(Stage, "prediction_columns", $"must name the prediction columns: '{column}' is both a prediction column and a feature to neutralize against");
        }

        var rowOfId = predictions.IndexById(Path.GetFileName(predictionsPath));
        var source = new EraSource(dataPath, featureNames, checked(options.BlockMb * 1024 * 1024));
        source.Open(cancellationToken);
        context.Logger.LogInformation(
            "Neutralizing {Columns} column(s) of {Rows} predictions against {Features} features of {Data} ({Eras} eras), proportion {Proportion}",
            predictions.Columns.Count, predictions.Rows, featureNames.Count, dataName, source.EraCount, options.Proportion);

        var output = predictions.Columns.Select(_ => Enumerable.Repeat(double.NaN, predictions.Rows).ToArray()).ToArray();
        var eras = new string[predictions.Rows];
        var matched = new bool[predictions.Rows];
        var outcomes = await NeutralizeErasAsync(context, options, settings, predictions, output, eras, source, rowOfId, matched, cancellationToken);

        var unmatched = Enumerable.Range(0, predictions.Rows).Where(i => !matched[i]).ToList();
        if (unmatched.Count > 0)
        {
            throw NeutralizeErrors.IdsNotInData.Exception(unmatched.Count, predictions.Rows, dataName, string.Join(", ", unmatched.Take(3).Select(i => predictions.Ids[i])));
        }

        var report = new NeutralizationReport(settings, predictions.Columns, outcomes, options.Columns.Count > 0 ? null : options.FeatureSet, predictions.Rows);
        await context.Outputs.WriteFileAsync("predictions", "predictions.parquet", (tmp, ct) => NeutralizedWriter.WriteParquetAsync(tmp, predictions.Ids, predictions.Columns, output, eras, ct), cancellationToken);
        await context.Outputs.WriteFileAsync("csv", "predictions.csv", (tmp, ct) => NeutralizedWriter.WriteCsvAsync(tmp, predictions.Ids, predictions.Columns, output, ct), cancellationToken);
        await context.Outputs.WriteStreamAsync("report", "neutralization.json", report.SaveAsync, cancellationToken);
        Summarize(context, predictions, report, source, clock.Elapsed);
        return StageResult.Succeeded();
    }

    private static async Task<List<EraOutcome>> NeutralizeErasAsync(
        StageContext context, NeutralizeOptions options, NeutralizeSettings settings, PredictionTable predictions, double[][] output, string[] eras,
        EraSource source, Dictionary<string, int> rowOfId, bool[] matched, CancellationToken cancellationToken)
    {
        var workers = options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount;

        // jobs circulate: the reader fills a free one, a worker empties it and gives it back; so at most
        // workers + 1 eras' features are held at once
        var free = Channel.CreateUnbounded<EraJob>();
        for (var i = 0; i < workers + 1; i++)
        {
            free.Writer.TryWrite(new EraJob(settings.FeatureNames.Count));
        }

        var jobs = Channel.CreateBounded<EraJob>(new BoundedChannelOptions(1) { SingleWriter = true });
        var outcomes = new ConcurrentBag<EraOutcome>();
        var done = 0;
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                await source.ProduceAsync(rowOfId, matched, free.Reader, jobs.Writer, failed.Token);
                jobs.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                jobs.Writer.TryComplete(ex);
                throw;
            }
        }, failed.Token);
        var consumers = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var worker = new EraWorker(settings, predictions, output);
            try
            {
                await foreach (var job in jobs.Reader.ReadAllAsync(failed.Token))
                {
                    for (var k = 0; k < job.Count; k++)
                    {
                        eras[job.Rows[k]] = job.Era;
                    }

                    outcomes.Add(worker.Run(job));
                    free.Writer.TryWrite(job);
                    var finished = Interlocked.Increment(ref done);
                    context.Progress.Report(new StageProgress("neutralizing eras", finished, source.EraCount, "eras"));
                }
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }, failed.Token)).ToList();

        try
        {
            await Task.WhenAll([producer, .. consumers]);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // a worker failed and cancelled the others: report its error, not the cancellation
            var error = consumers.Concat([producer]).Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).FirstOrDefault(e => e is not OperationCanceledException);
            if (error is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }

            throw;
        }

        return [.. outcomes];
    }

    private static void Summarize(StageContext context, PredictionTable predictions, NeutralizationReport report, EraSource source, TimeSpan elapsed)
    {
        string F(double v) => double.IsFinite(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";
        string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        if (double.IsFinite(report.ExposureBefore(0)))
        {
            context.Outputs.SetValue("exposure_before", R(report.ExposureBefore(0)));
        }

        if (double.IsFinite(report.ExposureAfter(0)))
        {
            context.Outputs.SetValue("exposure_after", R(report.ExposureAfter(0)));
        }

        context.Outputs.SetValue("eras", report.Eras.ToString(CultureInfo.InvariantCulture));
        context.Outputs.SetValue("rows", predictions.Rows.ToString(CultureInfo.InvariantCulture));
        for (var c = 0; c < predictions.Columns.Count; c++)
        {
            context.AddSummary(predictions.Columns.Count == 1 ? "exposure" : $"exposure {predictions.Columns[c]}", $"{F(report.ExposureBefore(c))} -> {F(report.ExposureAfter(c))}");
            var constant = report.ZeroVarianceEras(c);
            if (constant.Count > 0)
            {
                context.Logger.LogWarning(
                    "Column {Column} is constant in {Count} era(s) ({Eras}); like numerai-tools, those eras are NaN",
                    predictions.Columns[c], constant.Count, string.Join(", ", constant.Take(5)));
            }
        }

        context.AddSummary("eras", report.Eras.ToString(CultureInfo.InvariantCulture));
        context.Logger.LogInformation(
            "Neutralized {Columns} column(s) over {Eras} eras ({DataRows} data rows read, blocks of at most {BlockRows} rows) in {Seconds:F2} s; mean max feature exposure {Before} -> {After}",
            predictions.Columns.Count, report.Eras, source.DataRows, source.MaxRowsPerBlock?.ToString(CultureInfo.InvariantCulture) ?? "a row group of", elapsed.TotalSeconds, F(report.ExposureBefore(0)), F(report.ExposureAfter(0)));
    }
}
