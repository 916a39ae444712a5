using NumeraiPipeline.Numerai.Scoring;
using NumeraiPipeline.Plugins.LightGbm.Training;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.Numerai.Scoring.CrossValidation;

namespace NumeraiPipeline.Plugins.LightGbm.CrossValidation;

/// <summary>
/// Trains one model a fold on the fold's training eras only (its own Dataset, bins from those rows alone, so nothing
/// of the test block or the embargo reaches the model) and predicts the fold's test rows with it: every row is
/// predicted exactly once, by the model of the fold whose test block holds its era.
/// </summary>
internal static class CrossValidator
{
    /// <summary>The out-of-fold predictions (one per row of <paramref name="rows"/>) and each fold's iterations.</summary>
    /// <param name="rows">Every labelled row.</param>
    /// <param name="labels">Their targets.</param>
    /// <param name="eras">Their eras.</param>
    /// <param name="folds">The layout.</param>
    /// <param name="parameters">LightGBM parameters, the same for every fold.</param>
    /// <param name="numThreads">Prediction threads (0 = LightGBM's default).</param>
    /// <param name="progress">Progress, one step a fold.</param>
    /// <param name="cancellationToken">Cancellation, between iterations.</param>
    public static (double[] Predictions, int[] Iterations) Run(
        IRowSource rows, float[] labels, string[] eras, IReadOnlyList<CvFold> folds, LightGbmParameters parameters, int numThreads, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var predictions = new double[rows.Rows];
        Array.Fill(predictions, double.NaN);
        var predicted = new bool[rows.Rows];
        var iterations = new int[folds.Count];
        for (var k = 0; k < folds.Count; k++)
        {
            var fold = folds[k];
            var (train, test) = Split(eras, fold);
            progress?.Report(new StageProgress($"fold {fold.Index}: training on {train.Length} rows", k, folds.Count, "folds"));
            var trainRows = new RowSubset(rows, train);
            var trainLabels = train.Select(i => labels[i]).ToArray();
            using var result = Trainer.Train(new TrainingRequest(trainRows, trainLabels, parameters), null, cancellationToken);
            iterations[k] = result.Iterations;
            var values = Predictor.Predict(result.Booster, new RowSubset(rows, test), numThreads, cancellationToken);
            for (var i = 0; i < test.Length; i++)
            {
                if (predicted[test[i]])
                {
                    throw new InvalidOperationException($"row {test[i]} is in the test block of two folds");
                }

                predicted[test[i]] = true;
                predictions[test[i]] = values[i];
            }
        }

        progress?.Report(new StageProgress("folds done", folds.Count, folds.Count, "folds"));
        var missed = Array.IndexOf(predicted, false);
        return missed < 0 ? (predictions, iterations) : throw new InvalidOperationException($"row {missed} (era {eras[missed]}) is in no fold's test block");
    }

    /// <summary>The ascending row positions of the fold's training and test eras.</summary>
    public static (int[] Train, int[] Test) Split(string[] eras, CvFold fold)
    {
        var trainEras = fold.TrainEras.ToHashSet(StringComparer.Ordinal);
        var testEras = fold.TestEras.ToHashSet(StringComparer.Ordinal);
        var train = new List<int>();
        var test = new List<int>();
        for (var i = 0; i < eras.Length; i++)
        {
            if (trainEras.Contains(eras[i]))
            {
                train.Add(i);
            }
            else if (testEras.Contains(eras[i]))
            {
                test.Add(i);
            }
        }

        return ([.. train], [.. test]);
    }

    /// <summary>numerai_corr per era of the out-of-fold predictions, over all eras and per fold.</summary>
    public static (CvSeries Oof, CvSeries[] PerFold) Score(double[] predictions, float[] labels, string[] eras, IReadOnlyList<CvFold> folds, int numThreads)
    {
        var engine = new ScoringEngine(new ScoringOptions { MaxDegreeOfParallelism = numThreads, FeatureNeutralCorr = false, FeatureExposure = false });
        var result = engine.Score(new ScoringData { Eras = eras, Target = [.. labels.Select(l => (double)l)], Prediction = predictions });
        var byEra = result.Eras.ToDictionary(e => e.Era, e => e.Corr, StringComparer.Ordinal);

        // eras in time order within each fold (the engine orders its eras ordinally; Numerai's are zero-padded)
        var perFold = folds.Select(f => CvSeries.From(SeriesSummary.From(f.TestEras.Select(e => byEra.GetValueOrDefault(e, double.NaN))))).ToArray();
        var all = folds.SelectMany(f => f.TestEras).Select(e => byEra.GetValueOrDefault(e, double.NaN));
        return (CvSeries.From(SeriesSummary.From(all)), perFold);
    }
}
