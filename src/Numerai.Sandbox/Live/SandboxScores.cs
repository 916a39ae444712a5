using System.Collections.Concurrent;
using NumeraiPipeline.Numerai.Scoring;

namespace NumeraiPipeline.Numerai.Sandbox.Live;

/// <summary>
/// Resolves rounds on the sandbox clock: each scoring day scores the round's counted submission of a model with
/// Numerai's scoring (the engine numerai.metrics uses) against that day's target: the final target blended with
/// fading noise (day d of D weighs the final target d/D), so daily scores wander and settle on the resolved score.
/// Payout = stake × clip(payout factor × (CORR × corr multiplier + MMC × mmc multiplier), ±5 %), as Numerai pays.
/// </summary>
internal sealed class SandboxScores(SandboxOptions options, RoundClock clock, SandboxOutcomes outcomes)
{
    /// <summary>The corr multiplier of every round (Numerai's 2024–2026 setting).</summary>
    public const double CorrMultiplier = 0.5;

    /// <summary>The mmc multiplier of every round.</summary>
    public const double MmcMultiplier = 2.0;

    /// <summary>The payout factor of every round (no stake cap reached).</summary>
    public const double PayoutFactor = 1.0;

    /// <summary>The payout clip: ±5 % of the stake per round.</summary>
    public const double PayoutClip = 0.05;

    private readonly ConcurrentDictionary<(string Submission, int Day), DayScore> cache = new();

    /// <summary>The NMR at risk for a submission: the stake, or none for a late submission (scored, not staked).</summary>
    public decimal AtRisk(SandboxSubmission submission) => submission.Late ? 0m : options.Stake;

    /// <summary>The daily scores published so far for a submission's round (empty before the first).</summary>
    public IReadOnlyList<DayScore> Days(SandboxSubmission submission)
    {
        var round = clock.ByNumber(submission.Round);
        if (round is null)
        {
            return [];
        }

        var days = clock.DaysScored(round);
        return [.. Enumerable.Range(1, days).Select(d => Score(submission, round, d))];
    }

    /// <summary>The latest daily score, or null before the first.</summary>
    public DayScore? Latest(SandboxSubmission submission) => Days(submission) is { Count: > 0 } days ? days[^1] : null;

    private DayScore Score(SandboxSubmission submission, SandboxRound round, int day) =>
        cache.GetOrAdd((submission.Id, day), _ =>
        {
            var outcome = outcomes.Get(submission.Round);
            var predictions = new double[outcome.Rows];
            Array.Fill(predictions, double.NaN);
            for (var i = 0; i < submission.Ids.Count; i++)
            {
                var row = outcome.RowOf(submission.Ids[i]);
                if (row >= 0)
                {
                    predictions[row] = submission.Predictions[i];
                }
            }

            var era = EraScoring.Score(predictions, DayTarget(outcome, day), outcome.MetaModel, outcome.Benchmark);
            return new DayScore(day, clock.DayTime(round, day), era.Corr, era.Mmc, era.Bmc, era.CorrWithMetaModel, Payout(AtRisk(submission), era.Corr, era.Mmc));
        });

    /// <summary>stake × clip(factor × (corr × 0.5 + mmc × 2), ±0.05), NaN scores counting as 0; rounded to 1e-6 NMR.</summary>
    public static decimal Payout(decimal stake, double corr, double mmc)
    {
        var score = (double.IsNaN(corr) ? 0 : corr * CorrMultiplier) + (double.IsNaN(mmc) ? 0 : mmc * MmcMultiplier);
        var fraction = Math.Clamp(PayoutFactor * score, -PayoutClip, PayoutClip);
        return Math.Round(stake * (decimal)fraction, 6, MidpointRounding.ToEven);
    }

    private double[] DayTarget(RoundOutcome outcome, int day)
    {
        var weight = Math.Min(1.0, day / (double)Math.Max(1, options.ScoringDays));
        if (weight >= 1.0)
        {
            return outcome.Target;
        }

        var rng = new SandboxRandom(options.Seed, outcome.Round, day, 0x5C0DE);
        var target = new double[outcome.Rows];
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = (weight * outcome.Target[i]) + ((1 - weight) * rng.NextDouble());
        }

        return target;
    }
}
