namespace NumeraiPipeline.Plugins.Numerai.Metrics.Scoring;

/// <summary>Tie-kept (average) ranks and their gaussianization, as numerai-tools' <c>tie_kept_rank</c> + <c>gaussian</c>.</summary>
internal static class Ranking
{
    /// <summary>
    /// Writes Φ⁻¹((R − 0.5) / n) for each value, where R is the 1-based average rank (exactly equal values share
    /// the mean of their positions). <paramref name="keys"/> and <paramref name="order"/> are scratch of at least n.
    /// </summary>
    public static void GaussianRanks(ReadOnlySpan<double> values, Span<double> destination, Span<double> keys, Span<int> order)
    {
        var n = values.Length;
        keys = keys[..n];
        order = order[..n];
        values.CopyTo(keys);
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        keys.Sort(order);
        var i0 = 0;
        while (i0 < n)
        {
            var i1 = i0 + 1;
            while (i1 < n && keys[i1] == keys[i0])
            {
                i1++;
            }

            // positions i0+1 .. i1 (1-based) share their mean rank
            var rank = (i0 + 1 + i1) * 0.5;
            var g = InverseNormal.Quantile((rank - 0.5) / n);
            for (var k = i0; k < i1; k++)
            {
                destination[order[k]] = g;
            }

            i0 = i1;
        }
    }

    /// <summary>Plain 1-based average ranks (for tests and the reference implementation).</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var keys = values.ToArray();
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        var ranks = new double[n];
        var i0 = 0;
        while (i0 < n)
        {
            var i1 = i0 + 1;
            while (i1 < n && keys[i1] == keys[i0])
            {
                i1++;
            }

            var rank = (i0 + 1 + i1) * 0.5;
            for (var k = i0; k < i1; k++)
            {
                ranks[order[k]] = rank;
            }

            i0 = i1;
        }

        return ranks;
    }
}
