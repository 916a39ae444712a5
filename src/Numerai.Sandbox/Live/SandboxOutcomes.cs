using System.Collections.Concurrent;

namespace NumeraiPipeline.Numerai.Sandbox.Live;

/// <summary>
/// The resolved outcome of each round's live era, computed once per round. With generated data it is the synthetic
/// world's own (the planted signal that also shaped the training targets); with a served data folder, whose
/// generating process the sandbox does not know, a target is drawn from the round's example predictions plus noise
/// (pure noise when there are none), so a model like the example model still scores above zero.
/// </summary>
internal sealed class SandboxOutcomes(SandboxOptions options, SandboxDataStore data, ISandboxDataGenerator? generator)
{
    private readonly ConcurrentDictionary<int, Lazy<Task<RoundOutcome>>> cache = new();

    public Task<RoundOutcome> GetAsync(int round, CancellationToken cancellationToken = default) =>
        cache.GetOrAdd(round, r => new Lazy<Task<RoundOutcome>>(() => ComputeAsync(r))).Value.WaitAsync(cancellationToken);

    /// <summary>Synchronous access for the GraphQL resolvers (which are synchronous).</summary>
    public RoundOutcome Get(int round) => GetAsync(round).GetAwaiter().GetResult();

    private async Task<RoundOutcome> ComputeAsync(int round)
    {
        if (options.DataDirectory is null && generator is not null)
        {
            var o = generator.LiveOutcome(data.NewestVersion, round, options);
            return new RoundOutcome(round, o.Ids, o.Target, o.MetaModel, o.Benchmark, o.ExamplePredictions);
        }

        var ids = (await data.GetLiveIdsAsync(round, CancellationToken.None).ConfigureAwait(false)).Order(StringComparer.Ordinal).ToArray();
        var example = await data.GetExamplePredictionsAsync(round, CancellationToken.None).ConfigureAwait(false);
        var n = ids.Length;
        var rng = new SandboxRandom(options.Seed, round, 0x7C0E);
        var signal = example is null ? new double[n] : Centred(Ranks([.. ids.Select(id => example.TryGetValue(id, out var v) ? v : 0.5)]));
        var y = new double[n];
        var meta = new double[n];
        var bench = new double[n];
        var noise = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = (0.3 * signal[i]) + rng.NextGaussian();
            meta[i] = signal[i] + (0.8 * rng.NextGaussian());
            bench[i] = signal[i] + (1.2 * rng.NextGaussian());
            noise[i] = rng.NextDouble();
        }

        return new RoundOutcome(round, ids, Bins(y), Ranks(meta), Ranks(bench), example is null ? Ranks(noise) : [.. ids.Select(id => example.TryGetValue(id, out var v) ? v : 0.5)]);
    }

    /// <summary>(rank − 0.5) / n of each value, ties broken by position.</summary>
    internal static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        var result = new double[values.Length];
        for (var r = 0; r < order.Length; r++)
        {
            result[order[r]] = (r + 0.5) / order.Length;
        }

        return result;
    }

    /// <summary>Numerai's five target bins (0, 0.25, 0.5, 0.75, 1 for 5/20/50/20/5 % of the rows) of the values' ranks.</summary>
    internal static double[] Bins(double[] values) =>
        [.. Ranks(values).Select(q => q < 0.05 ? 0.0 : q < 0.25 ? 0.25 : q < 0.75 ? 0.5 : q < 0.95 ? 0.75 : 1.0)];

    private static double[] Centred(double[] ranks) => [.. ranks.Select(q => (q - 0.5) * 3.4641016151377544)]; // unit variance
}
