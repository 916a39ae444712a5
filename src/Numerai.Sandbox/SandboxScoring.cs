using NumeraiPipeline.Numerai.Data;
namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>
/// Scores submissions in the sandbox. Synthetic live data has no hidden targets, so the sandbox reports one
/// sandbox-only metric, <c>corr_w_example_preds</c>: Numerai CORR (ranked, gaussianised predictions raised to 1.5
/// keeping sign, against the centred reference raised to 1.5, Pearson) of the submission against the round's
/// example predictions, from the first day after staking closed.
/// </summary>
internal static class SandboxScoring
{
    public const string MetricName = "corr_w_example_preds";

    public static IEnumerable<(string Name, double Value)> Score(SandboxSubmission submission, IReadOnlyDictionary<string, double>? reference, int day)
    {
        if (day < 1 || reference is null)
        {
            yield break;
        }

        var pairs = Enumerable.Range(0, submission.Ids.Count)
            .Where(i => reference.TryGetValue(submission.Ids[i], out var t) && !double.IsNaN(t))
            .Select(i => (Prediction: submission.Predictions[i], Target: reference[submission.Ids[i]]))
            .ToList();
        if (pairs.Count < 3)
        {
            yield break;
        }

        yield return (MetricName, NumeraiCorrelation.Compute([.. pairs.Select(p => p.Prediction)], [.. pairs.Select(p => p.Target)]));
    }
}
