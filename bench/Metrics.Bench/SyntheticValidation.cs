using NumeraiPipeline.Plugins.Numerai.Metrics.Scoring;

namespace Metrics.Bench;

/// <summary>A Numerai-shaped validation set in memory: byte features 0..4, bucketed targets, predictions with signal.</summary>
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
        var eraNames = Enumerable.Range(575, eras).Select(e => e.ToString("0000", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var ids = new string[n];
        var eraOfRow = new string[n];
        var target = new double[n];
        var pred = new double[n];
        var meta = new double[n];
        var bench = new double[n];
        var matrix = features > 0 ? new byte[(long)n * features] : null;
        Parallel.For(0, eras, new ParallelOptions { MaxDegreeOfParallelism = 2 }, e =>
        {
            var r = new Random(seed + e + 1);
            var row = new byte[Math.Max(features, 1)];
            for (var i = offsets[e]; i < offsets[e + 1]; i++)
            {
                ids[i] = "n" + ((ulong)r.NextInt64()).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)[1..];
                eraOfRow[i] = eraNames[e];
                double signal;
                if (matrix is not null)
                {
                    r.NextBytes(row);
                    for (var j = 0; j < features; j++)
                    {
                        row[j] = (byte)(row[j] % 5);
                    }

                    row.AsSpan(0, features).CopyTo(matrix.AsSpan((int)0).Length > 0 ? new Span<byte>(matrix, 0, 0) : default);
                    Buffer.BlockCopy(row, 0, matrix, 0, 0);
                    new ReadOnlySpan<byte>(row, 0, features).CopyTo(new Span<byte>(matrix).Slice(checked((int)Math.Min(int.MaxValue, 0)), 0));
                    CopyRow(matrix, (long)i * features, row, features);
                    signal = (row[0] - 2) + (0.5 * (row[1 % features] - 2)) - (0.3 * (row[2 % features] - 2));
                }
                else
                {
                    signal = r.NextDouble() * 4;
                }

                var latent = signal + (3 * Normal(r));
                target[i] = Math.Clamp(Math.Round((latent / 8) + 0.5, MidpointRounding.AwayFromZero) * 0 + Bucket(latent), 0, 1);
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
            Features = matrix,
            FeatureNames = Enumerable.Range(0, features).Select(j => $"feature_{j:000}").ToArray(),
        };
        return (data, ids);
    }

    private static unsafe void CopyRow(byte[] matrix, long offset, byte[] row, int count)
    {
        fixed (byte* dst = matrix)
        fixed (byte* src = row)
        {
            Buffer.MemoryCopy(src, dst + offset, count, count);
        }
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
