namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>
/// Scores one era given as aligned arrays with the same engine numerai.metrics uses (CORR, MMC against a meta model,
/// BMC against a benchmark; NaN marks a missing value). For the sandbox's resolved rounds and diagnostics and for
/// benchmarks: one implementation of Numerai's scoring, not a second copy.
/// </summary>
public static class EraScoring
{
    private static readonly ScoringEngine Engine = new(new ScoringOptions { MaxDegreeOfParallelism = 1, FeatureNeutralCorr = false, FeatureExposure = false });

    /// <summary>Scores the rows as one era; the metrics that cannot be computed (no meta model, too few aligned rows) are NaN.</summary>
    /// <param name="predictions">The predictions, one per row.</param>
    /// <param name="target">The target of each row (NaN where unlabelled).</param>
    /// <param name="metaModel">The meta model's prediction of each row, or null.</param>
    /// <param name="benchmark">The benchmark's prediction of each row, or null.</param>
    /// <returns>The era's scores (era name <c>X</c>).</returns>
    public static EraScore Score(double[] predictions, double[] target, double[]? metaModel = null, double[]? benchmark = null)
    {
        var eras = new string[target.Length];
        Array.Fill(eras, "X");
        var result = Engine.Score(new ScoringData { Eras = eras, Target = target, Prediction = predictions, MetaModel = metaModel, Benchmark = benchmark });
        return result.Eras.Count == 1 ? result.Eras[0] : new EraScore { Era = "X" };
    }
}
