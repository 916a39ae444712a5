using System.Globalization;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Models;
using NumeraiPipeline.Plugins.LightGbm.CrossValidation;
using NumeraiPipeline.Plugins.LightGbm.Data;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Plugins.LightGbm.Parameters;
using NumeraiPipeline.Plugins.LightGbm.Training;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.Numerai.Scoring.CrossValidation;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>
/// Era-aware K-fold cross-validation as a stage of its own (not a block of lightgbm.train): its outputs (out-of-fold
/// predictions, per-fold metrics, the fold layout) differ from a model's, it reruns on its own fingerprint when folds
/// or embargo change without retraining the final model, and numerai.metrics scores its predictions like any other.
/// </summary>
[Stage(CvOptions.StageId, Description = "Era-aware K-fold cross-validation of a LightGBM model: contiguous era blocks, an embargo of eras on each side of the test block, out-of-fold predictions.")]
[StageOutput("predictions", Description = "oof_predictions.parquet: id, prediction, era of every labelled row, each predicted by the fold model that saw neither its era nor the embargoed neighbours (lightgbm.predict's format).")]
[StageOutput("csv", Description = "oof_predictions.csv: id,prediction with round-trip float precision.")]
[StageOutput("metrics", Description = "cv_metrics.json: numerai_corr (mean, std, sharpe, max drawdown) of the out-of-fold predictions and of each fold, with its eras and rows; numerai.report's 'cv' option shows it.")]
[StageOutput("folds", Description = "folds.json: per fold, the eras trained on, tested and embargoed.")]
public sealed class CvStage : IStage<CvOptions>
{
    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, CvOptions options, CancellationToken cancellationToken)
    {
        options.ThrowOnLayoutProblem();
        var dataPath = OptionText.RequirePath(options.Data, CvOptions.StageId, "data", "a Numerai parquet file");
        var features = FeatureList.Resolve(CvOptions.StageId, options.Features?.Path, options.FeatureSet, dataPath);
        var parameters = StageErrors.Translate(() => LightGbmParameters.Create(options.Params, options.NumThreads, options.Seed, options.Deterministic, features.Count), dataPath, context.Secrets.Redact);
        var native = new NativeOutput(context, parameters.Values.Values, ParameterValueCheck.ReadInt(parameters.Get("verbosity") ?? "-1") ?? -1);
        var dataType = OptionText.NullIfBlank(options.DataType);
        var spec = new ReadSpec
        {
            Features = features,
            Target = options.Target,
            EraStride = options.EraStride,
            DataType = dataType,
            DropMissingTarget = true,
            IncludeIds = true,
        };
        using var rows = StageErrors.Translate(() => ParquetRowSource.Open(dataPath, spec, (long)options.ResidentLimitMb << 20), dataPath);
        if (rows.Rows == 0)
        {
            throw ModelErrors.NoRows.Exception(CvOptions.StageId, Path.GetFileName(dataPath), options.EraStride, dataType is null ? string.Empty : $" and data_type={dataType}", options.Target);
        }

        var eras = rows.Eras ?? throw LightGbmErrors.CvLayout.Exception(Path.GetFileName(dataPath), rows.Rows, "it has no era column, and cross-validation cuts folds by era. Cross-validate a Numerai file with its 'era' column");
        var order = EraOrder.Sort(eras);
        IReadOnlyList<CvFold> folds;
        try
        {
            folds = FoldPlanner.Plan(order, options.Folds, options.Embargo);
        }
        catch (FoldLayoutException ex)
        {
            throw LightGbmErrors.CvLayout.ExceptionFrom(ex, Path.GetFileName(dataPath), rows.Rows, ex.Message);
        }

        context.Logger.LogInformation(
            "Cross-validating on {Rows} rows x {Features} features ({Eras} eras) of {File}: {Folds} folds, embargo {Embargo} eras, target {Target}",
            rows.Rows,
            features.Count,
            order.Length,
            Path.GetFileName(dataPath),
            folds.Count,
            options.Embargo,
            options.Target);

        (double[] Predictions, int[] Iterations) oof;
        using (var activity = context.ActivitySource.StartActivity("folds"))
        {
            activity?.SetTag("folds", folds.Count);
            oof = StageErrors.Translate(
                () => native.Run(() => CrossValidator.Run(rows, rows.Labels!, eras, folds, parameters, options.NumThreads, context.Progress, cancellationToken)),
                dataPath,
                native.Clean);
        }

        var (all, perFold) = CrossValidator.Score(oof.Predictions, rows.Labels!, eras, folds, options.NumThreads);
        var metrics = new CvMetricsDocument
        {
            Target = options.Target,
            Folds = folds.Count,
            Embargo = options.Embargo,
            Eras = order.Length,
            Rows = rows.Rows,
            Oof = all,
            PerFold = [.. folds.Select((f, k) =>
            {
                var (train, test) = CrossValidator.Split(eras, f);
                return new CvFoldMetrics
                {
                    Fold = f.Index,
                    FirstTestEra = f.TestEras[0],
                    LastTestEra = f.TestEras[^1],
                    TestEras = f.TestEras.Count,
                    TrainEras = f.TrainEras.Count,
                    EmbargoedEras = f.EmbargoedEras.Count,
                    TrainRows = train.Length,
                    TestRows = test.Length,
                    Iterations = oof.Iterations[k],
                    Corr = perFold[k],
                };
            })],
        };

        var predictions = PredictionOutputs.Ranked(oof.Predictions, eras, options.Rank);
        var ids = rows.Ids!;
        await context.Outputs.WriteFileAsync("predictions", "oof_predictions.parquet", (tmp, _) =>
        {
            PredictionsFile.WriteParquet(tmp, ids, predictions, PredictionsFile.PredictionColumn, eras);
            return Task.CompletedTask;
        }, cancellationToken);
        await context.Outputs.WriteFileAsync("csv", "oof_predictions.csv", (tmp, _) =>
        {
            PredictionsFile.WriteCsv(tmp, ids, predictions);
            return Task.CompletedTask;
        }, cancellationToken);
        await context.Outputs.WriteFileAsync("metrics", "cv_metrics.json", (tmp, ct) => File.WriteAllTextAsync(tmp, metrics.ToJson(), ct), cancellationToken);
        await context.Outputs.WriteFileAsync("folds", "folds.json", (tmp, ct) => File.WriteAllTextAsync(tmp, FoldLayoutDocument.From(order, options.Embargo, folds).ToJson(), ct), cancellationToken);

        context.AddSummary("folds", folds.Count.ToString(CultureInfo.InvariantCulture));
        context.AddSummary("oof_corr_mean", all.Mean?.ToString("G6", CultureInfo.InvariantCulture) ?? "-");
        context.Logger.LogInformation(
            "Out-of-fold CORR mean {Corr} over {Eras} eras; per fold {PerFold}",
            all.Mean,
            all.Eras,
            string.Join(", ", perFold.Select(p => p.Mean?.ToString("F4", CultureInfo.InvariantCulture) ?? "-")));
        return StageResult.Succeeded();
    }
}
