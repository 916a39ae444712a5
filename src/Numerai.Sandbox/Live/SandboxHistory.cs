using System.Security.Cryptography;
using System.Text;

namespace NumeraiPipeline.Numerai.Sandbox.Live;

/// <summary>
/// The pre-submitted past rounds of <see cref="SandboxOptions.History"/>: one on-time submission per model for each
/// of the rounds before the current one, whose predictions carry a known share of the round's resolved target. The
/// first model is steady; every other model decays over the history (its edge turns negative and its likeness to the
/// meta model fades), so a live-performance gate has something to decline. Deterministic: the same options give the same submissions, ids included.
/// </summary>
internal static class SandboxHistory
{
    /// <summary>The weight of the meta model in every history prediction (models look like the meta model, as on Numerai).</summary>
    public const double MetaWeight = 0.4;

    /// <summary>The weight of the resolved target (the model's own edge) in the first model's predictions.</summary>
    public const double SteadyQuality = 0.01;

    /// <summary>The target weight of a decaying model at the oldest and at the newest history round.</summary>
    public const double DecayFrom = 0.04;

    /// <inheritdoc cref="DecayFrom"/>
    public const double DecayTo = -0.10;

    public static async Task<IReadOnlyList<SandboxSubmission>> BuildAsync(
        SandboxOptions options, RoundClock clock, SandboxOutcomes outcomes, IReadOnlyList<(string Id, string Name)> models, CancellationToken cancellationToken)
    {
        var count = Math.Max(0, options.History);
        var current = clock.Current().Number;
        var result = new List<SandboxSubmission>();
        for (var k = 0; k < count; k++)
        {
            var number = current - count + k;
            if (clock.ByNumber(number) is not { } round)
            {
                continue;
            }

            var outcome = await outcomes.GetAsync(number, cancellationToken).ConfigureAwait(false);
            var position = count == 1 ? 1.0 : k / (double)(count - 1);
            for (var m = 0; m < models.Count; m++)
            {
                // A decaying model loses its likeness to the meta model as its own edge turns negative.
                var quality = m == 0 ? SteadyQuality : DecayFrom + ((DecayTo - DecayFrom) * position);
                var metaWeight = m == 0 ? MetaWeight : MetaWeight * (1 - position);
                var (id, name) = models[m];
                var at = round.OpenTime + TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(10).Ticks, (round.CloseStakingTime - round.OpenTime).Ticks / 2));
                result.Add(new SandboxSubmission(
                    StableGuid($"history:{options.Seed}:{name}:{number}"),
                    id,
                    $"predictions_{number}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"file:{name}:{number}")))[..12]}.csv",
                    number,
                    at,
                    false,
                    null,
                    outcome.Ids,
                    Predictions(outcome, metaWeight, quality, new SandboxRandom(options.Seed, number, SandboxRandom.Hash(name)))));
            }
        }

        return result;
    }

    /// <summary>
    /// Ranks of meta weight × standardised meta model + quality × standardised target + unit noise: CORR follows the
    /// meta model's plus the quality, MMC (the part the meta model lacks) the quality alone.
    /// </summary>
    private static double[] Predictions(RoundOutcome outcome, double metaWeight, double quality, SandboxRandom rng)
    {
        var target = Standardised(outcome.Target);
        var meta = Standardised(outcome.MetaModel);
        var raw = new double[outcome.Rows];
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = (metaWeight * meta[i]) + (quality * target[i]) + rng.NextGaussian();
        }

        return SandboxOutcomes.Ranks(raw);
    }

    private static double[] Standardised(double[] values)
    {
        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(t => (t - mean) * (t - mean)) / Math.Max(1, values.Length));
        return [.. values.Select(v => std == 0 ? 0 : (v - mean) / std)];
    }

    private static string StableGuid(string text) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16)).ToString();
}
