using System.Diagnostics;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>Trains a LightGBM booster iteration by iteration (progress, cancellation and early stopping between iterations).</summary>
internal static class Trainer
{
    private static readonly string[] HigherIsBetter = ["auc", "ndcg", "map", "average_precision", "auc_mu"];

    public static TrainingResult Train(TrainingRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var parameters = request.Parameters.ToString();
        var clock = Stopwatch.StartNew();
        var stripsExact = false;
        SafeDatasetHandle Build()
        {
            if (request.WholeMatrix)
            {
                return DatasetBuilder.BuildFromWholeMatrix(request.Train, request.Labels, parameters, cancellationToken);
            }

            var built = DatasetBuilder.BuildStreamed(request.Train, request.Labels, parameters, request.Strips, request.StripBytes, out var exact, cancellationToken);
            stripsExact = exact;
            if (request.ReleaseRowsAfterBuild && request.Train.InMemory)
            {
                // the int8 rows (rows x features bytes of managed blocks) are in the Dataset now: give them back before
                // the save and the training instead of keeping both
                request.Train.ReleaseRows();
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                NativeHeap.Trim();
            }

            return built;
        }

        var fromCache = false;
        using var train = request.DatasetCache is { } c
            ? c.Cache.LoadOrBuild(c.Key, parameters, request.Labels, Build, cancellationToken, out fromCache)
            : Build();

        SafeDatasetHandle? valid = null;
        try
        {
            if (request.Valid is not null)
            {
                valid = DatasetBuilder.BuildByReference(train, request.Valid, request.ValidLabels ?? throw new ArgumentException("ValidLabels missing"), stripsExact, request.Strips, request.StripBytes, cancellationToken);
            }

            var datasetTime = clock.Elapsed;
            request.PhaseDone?.Invoke("dataset");
            clock.Restart();
            var booster = Booster.Create(train, parameters);
            try
            {
                var result = Boost(booster, valid, request, progress, cancellationToken);
                request.PhaseDone?.Invoke("training");
                return result with { DatasetTime = datasetTime, TrainTime = clock.Elapsed, DatasetFromCache = fromCache };
            }
            catch
            {
                booster.Dispose();
                throw;
            }
        }
        finally
        {
            valid?.Dispose();
        }
    }

    private static TrainingResult Boost(Booster booster, SafeDatasetHandle? valid, TrainingRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        string? metric = null;
        var metricCount = 0;
        var higherBetter = false;
        if (valid is not null)
        {
            booster.AddValidData(valid);
            var names = booster.EvalNames();
            metricCount = names.Length;
            metric = names.FirstOrDefault();
            higherBetter = metric is not null && HigherIsBetter.Any(m => metric.StartsWith(m, StringComparison.Ordinal));
        }

        var total = request.Parameters.NumIterations;
        var every = Math.Max(1, request.ProgressEvery);
        double? best = null;
        var bestIteration = 0;
        var done = 0;
        for (var i = 1; i <= total; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var empty = booster.UpdateOneIter();
            done = i;
            if (metric is not null)
            {
                var score = booster.Eval(1, metricCount)[0];
                if (best is null || (higherBetter ? score > best : score < best))
                {
                    best = score;
                    bestIteration = i;
                }
            }

            if (i % every == 0 || i == total)
            {
                var message = metric is null ? "training" : $"training (valid {metric} {best:G6} at {bestIteration})";
                progress?.Report(new StageProgress(message, i, total, "iterations"));
            }

            if (empty)
            {
                break;
            }

            if (metric is not null && request.EarlyStoppingRounds > 0 && i - bestIteration >= request.EarlyStoppingRounds)
            {
                break;
            }
        }

        done = booster.CurrentIteration;
        var kept = metric is not null && request.EarlyStoppingRounds > 0 ? Math.Min(bestIteration, done) : done;
        return new TrainingResult(booster, done, kept, metric, best, TimeSpan.Zero, TimeSpan.Zero);
    }
}
