using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Models;
using NumeraiPipeline.Plugins.LightGbm.Data;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Plugins.LightGbm.Parameters;
using NumeraiPipeline.Plugins.LightGbm.Training;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>Trains a LightGBM model on int8 Numerai data with LightGBM's native library.</summary>
[Stage("lightgbm.train", Description = "Trains a LightGBM model on Numerai parquet data (streamed int8 rows, LightGBM's native library).")]
[StageOutput("model", Description = "The model in LightGBM's text format (model.txt); Python's lightgbm.Booster(model_file=...) reads it.")]
[StageOutput("model_info", Description = "JSON sidecar (model.json, beside model.txt): features in order, target, parameters, training data fingerprint, LightGBM version.")]
public sealed partial class TrainStage : IStage<TrainOptions>
{
    private const string Stage = "lightgbm.train";

    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, TrainOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await TrainAsync(context, options, cancellationToken);
        }
        finally
        {
            // the run's next stages (predict, metrics) start without this stage's garbage and freed native pages
            NativeHeap.ReturnFreedMemory();
        }
    }

    private static async Task<StageResult> TrainAsync(StageContext context, TrainOptions options, CancellationToken cancellationToken)
    {
        var dataPath = OptionText.RequirePath(options.Data, Stage, "data", "a Numerai parquet file");
        var features = FeatureList.Resolve(Stage, options.Features?.Path, options.FeatureSet, dataPath);
        var parameters = StageErrors.Translate(() => LightGbmParameters.Create(options.Params, options.NumThreads, options.Seed, options.Deterministic, features.Count), dataPath, context.Secrets.Redact);
        var native = new NativeOutput(context, parameters.Values.Values, ParameterValueCheck.ReadInt(parameters.Get("verbosity") ?? "-1") ?? -1);
        var limit = (long)options.ResidentLimitMb << 20;

        using var loadActivity = context.ActivitySource.StartActivity("load");
        var clock = Stopwatch.StartNew();
        var spec = options.TrainingSpec(features);
        using var train = StageErrors.Translate(() => ParquetRowSource.Open(dataPath, spec, limit), dataPath);
        options.RequireRows(Stage, train.Rows, dataPath);

        ParquetRowSource? valid = null;
        if (options.Valid?.Path is { } validPath)
        {
            valid = StageErrors.Translate(
                () => ParquetRowSource.Open(validPath, spec with { EraStride = 1, DataType = null }, limit),
                validPath);
        }

        try
        {
            loadActivity?.SetTag("rows", train.Rows);
            loadActivity?.SetTag("features", features.Count);
            loadActivity?.Dispose();
            context.Logger.LogDebug("Memory after opening the data: {Memory}", ProcessMemory.Describe());
            context.Logger.LogInformation(
                "Training on {Rows} rows x {Features} features ({Eras} eras) of {File}, target {Target}, parameters {Parameters}",
                train.Rows,
                features.Count,
                train.EraCount,
                Path.GetFileName(dataPath),
                options.Target,
                parameters.ToString());

            var dataSha256 = await FileHash.Sha256Async(dataPath, cancellationToken);
            var cache = options.DatasetCache
                ? DatasetCaching.For(context.WorkspaceDirectory, dataPath, dataSha256, options.Target, options.EraStride, spec.DataType, features, parameters, options.DatasetCacheMaxBytes, context.Logger, cancellationToken)
                : ((DatasetCache, string)?)null;
            using var trainActivity = context.ActivitySource.StartActivity("train");
            var request = new TrainingRequest(train, train.Labels!, parameters)
            {
                DatasetCache = cache,
                Valid = valid,
                ValidLabels = valid?.Labels,
                EarlyStoppingRounds = options.EarlyStoppingRounds,
                ProgressEvery = options.ProgressEvery,
                ReleaseRowsAfterBuild = true,
                PhaseDone = phase => context.Logger.LogDebug("Memory after the {Phase} phase: {Memory}", phase, ProcessMemory.Describe()),
            };
            using var result = StageErrors.Translate(() => native.Run(() => Trainer.Train(request, context.Progress, cancellationToken)), dataPath, native.Clean);
            trainActivity?.SetTag("iterations", result.Iterations);
            trainActivity?.SetTag("dataset_seconds", result.DatasetTime.TotalSeconds);
            trainActivity?.SetTag("train_seconds", result.TrainTime.TotalSeconds);
            trainActivity?.SetTag("dataset_cached", result.DatasetFromCache);
            trainActivity?.SetTag("feature_passes", train.FeaturePasses);
            trainActivity?.Dispose();

            var info = new LightGbmModelInfo
            {
                Features = features,
                Target = options.Target,
                FeatureSet = options.Features is null ? null : options.FeatureSet,
                Params = parameters.Values.ToDictionary(p => p.Key, p => context.Secrets.Redact(p.Value), StringComparer.Ordinal),
                TrainingData = new TrainingDataInfo
                {
                    File = Path.GetFileName(dataPath),
                    Sha256 = dataSha256,
                    EraStride = options.EraStride,
                    DataType = spec.DataType,
                    Rows = train.Rows,
                    Eras = train.EraCount,
                    ValidFile = valid is null ? null : Path.GetFileName(valid.Path),
                    ValidRows = valid?.Rows,
                },
                Iterations = result.KeptIterations,
                BoostedIterations = result.Iterations,
                ValidMetric = result.ValidMetric,
                ValidScore = result.BestValidScore,
                CreatedUtc = context.Time.GetUtcNow(),
            };

            await context.Outputs.WriteFileAsync(
                "model",
                "model.txt",
                (tmp, _) =>
                {
                    StageErrors.Translate(() => native.Run(() => result.Booster.Save(tmp, result.KeptIterations)), dataPath, native.Clean);
                    return Task.CompletedTask;
                },
                cancellationToken);
            await context.Outputs.WriteFileAsync("model_info", "model.json", (tmp, ct) => File.WriteAllTextAsync(tmp, info.ToJson(), ct), cancellationToken);

            context.AddSummary("rows", train.Rows.ToString(CultureInfo.InvariantCulture));
            context.AddSummary("features", features.Count.ToString(CultureInfo.InvariantCulture));
            context.AddSummary("iterations", result.KeptIterations.ToString(CultureInfo.InvariantCulture));
            if (cache is not null)
            {
                context.AddSummary("dataset", result.DatasetFromCache ? "cached" : "built");
            }

            context.AddSummary("feature_passes", train.FeaturePasses.ToString(CultureInfo.InvariantCulture));
            if (result.ValidMetric is not null)
            {
                context.AddSummary($"valid_{result.ValidMetric}", result.BestValidScore?.ToString("G6", CultureInfo.InvariantCulture) ?? "-");
            }

            context.Logger.LogInformation(
                "Trained {Iterations} iterations (kept {Kept}) in {TrainSeconds:F1} s after {DatasetSeconds:F1} s of dataset {DatasetSource}; load took {LoadSeconds:F1} s in all",
                result.Iterations,
                result.KeptIterations,
                result.TrainTime.TotalSeconds,
                result.DatasetTime.TotalSeconds,
                result.DatasetFromCache ? "loading (cached binary Dataset, no parquet feature read)" : "construction",
                clock.Elapsed.TotalSeconds);
            context.Logger.LogDebug("Memory at the end of the stage: {Memory}", ProcessMemory.Describe());
            return StageResult.Succeeded();
        }
        finally
        {
            valid?.Dispose();
        }
    }
}
