namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>Tie-kept (average) ranks and their gaussianization, as numerai-tools' <c>tie_kept_rank</c> + <c>gaussian</c>.</summary>
internal static class Ranking
{
    /// <summary>
    /// Writes Φ⁻¹((R − 0.5) / n) for each value, where R is the 1-based average rank (exactly equal values share
    /// the mean of their positions). Values must not be NaN.
    /// </summary>
    public static void GaussianRanks(ReadOnlySpan<double> values, Span<double> destination, RankScratch scratch)
    {
        var n = values.Length;
        var order = SortedOrder(values, scratch);
        var i0 = 0;
        while (i0 < n)
        {
            var v = values[order[i0]];
            var i1 = i0 + 1;
            while (i1 < n && values[order[i1]] == v)
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

    /// <summary>
    /// Row indices in ascending value order: an LSD radix sort (8-bit digits) of the order-preserving 64-bit image
    /// of each double, skipping digits that all keys share.
    /// </summary>
    public static ReadOnlySpan<int> SortedOrder(ReadOnlySpan<double> values, RankScratch scratch)
    {
        var n = values.Length;
        scratch.Ensure(n);
        var keys = scratch.Keys.AsSpan(0, n);
        var keysTemp = scratch.KeysTemp.AsSpan(0, n);
        var order = scratch.Order.AsSpan(0, n);
        var orderTemp = scratch.OrderTemp.AsSpan(0, n);
        var counts = scratch.Counts.AsSpan();
        counts.Clear();
        for (var i = 0; i < n; i++)
        {
            var bits = (ulong)BitConverter.DoubleToInt64Bits(values[i]);
            var key = (bits & 0x8000000000000000UL) != 0 ? ~bits : bits | 0x8000000000000000UL;
            keys[i] = key;
            order[i] = i;
            for (var d = 0; d < 8; d++)
            {
                counts[(d << 8) + (int)((key >> (d * 8)) & 0xFF)]++;
            }
        }

        for (var d = 0; d < 8; d++)
        {
            var digitCounts = counts.Slice(d << 8, 256);
            if (n == 0 || digitCounts[(int)((keys[0] >> (d * 8)) & 0xFF)] == n)
            {
                continue; // every key has the same digit here
            }

            var sum = 0;
            for (var b = 0; b < 256; b++)
            {
                var c = digitCounts[b];
                digitCounts[b] = sum;
                sum += c;
            }

            var shift = d * 8;
            for (var i = 0; i < n; i++)
            {
                var key = keys[i];
                var pos = digitCounts[(int)((key >> shift) & 0xFF)]++;
                keysTemp[pos] = key;
                orderTemp[pos] = order[i];
            }

            var swapKeys = keys;
            keys = keysTemp;
            keysTemp = swapKeys;
            var swapOrder = order;
            order = orderTemp;
            orderTemp = swapOrder;
        }

        return order;
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
