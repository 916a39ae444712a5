using System.Globalization;
using NumeraiPipeline.Numerai.Scoring;

namespace Metrics.Bench;

/// <summary>
/// A Numerai-shaped validation set in memory: byte features 0..4 (one block per era), targets in five buckets,
/// predictions, a meta model and a benchmark that share a signal from a few features.
/// </summary>
internal static class SyntheticValidation
{
    public static (ScoringData Data, string[] Ids) Generate(int eras, int rowsPerEra, int features, int seed)
    {
        var rng = new Random(seed);
        var sizes = Enumerable.Range(0, eras).Select(_ => rowsPerEra + rng.Next(-rowsPerEra / 10, (rowsPerEra / 10) + 1)).ToArray();
        var offsets = new int[eras + 1];
        for (var e = 0; e < eras; e++)
        {
            offsets[e + 1] = offsets[e] + sizes[e];
        }

        var n = offsets[eras];
        var eraNames = Enumerable.Range(575, eras).Select(e => e.ToString("0000", CultureInfo.InvariantCulture)).ToArray();
        var ids = new string[n];
        var eraOfRow = new string[n];
        var target = new double[n];
        var pred = new double[n];
        var meta = new double[n];
        var bench = new double[n];
        var blocks = new byte[eras][];
        Parallel.For(0, eras, new ParallelOptions { MaxDegreeOfParallelism = 2 }, e =>
        {
            var r = new Random(seed + e + 1);
            var block = new byte[sizes[e] * features];
            r.NextBytes(block);
            for (var k = 0; k < block.Length; k++)
            {
                block[k] = (byte)(block[k] % 5);
            }

            blocks[e] = block;
            for (var i = offsets[e]; i < offsets[e + 1]; i++)
            {
                var local = (i - offsets[e]) * features;
                ids[i] = "n" + ((ulong)r.NextInt64()).ToString("x16", CultureInfo.InvariantCulture)[1..];
                eraOfRow[i] = eraNames[e];
                var signal = features >= 3
                    ? (block[local] - 2) + (0.5 * (block[local + 1] - 2)) - (0.3 * (block[local + 2] - 2))
                    : 4 * r.NextDouble();
                var latent = signal + (3 * Normal(r));
                target[i] = Bucket(latent);
                pred[i] = Math.Round(signal + (2 * Normal(r)), 3);
                meta[i] = signal + (1.5 * Normal(r));
                bench[i] = signal + (1.8 * Normal(r));
            }
        });

        var data = new ScoringData
        {
            Eras = eraOfRow,
            Target = target,
            Prediction = pred,
            MetaModel = meta,
            Benchmark = bench,
            Features = features > 0 ? new FeatureMatrix(features, blocks) : null,
            FeatureNames = Enumerable.Range(0, features).Select(j => $"feature_{j:000}").ToArray(),
        };
        return (data, ids);
    }

    private static double Bucket(double latent) => latent switch
    {
        < -4 => 0,
        < -1.5 => 0.25,
        < 1.5 => 0.5,
        < 4 => 0.75,
        _ => 1,
    };

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
