namespace NumeraiPipeline.Plugins.Numerai.Metrics.Neutralize;

/// <summary>
/// pandas' test <c>df.std() == 0</c>, which numerai-tools' <c>neutralize</c> uses to turn a column into NaN. pandas
/// (without bottleneck) takes the mean as numpy's pairwise sum over the count, then Σ(mean − x)² / (n − 1): so the
/// standard deviation is 0 exactly when every value equals that floating-point mean, and it is NaN (never 0) for a
/// single value. Three values of 0.1 are therefore not "constant" for pandas (their mean is 0.10000000000000002),
/// while ten are (numpy's sum of ten 0.1 is exactly 1.0).
/// </summary>
internal static class PandasStd
{
    // numpy's PW_BLOCKSIZE: blocks up to this size are summed with eight accumulators
    private const int BlockSize = 128;

    /// <summary>Whether pandas' sample standard deviation of <paramref name="values"/> is exactly 0.</summary>
    public static bool IsZero(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return false;
        }

        var mean = PairwiseSum(values) / values.Length;
        foreach (var v in values)
        {
            var d = mean - v;
            if (d * d != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>numpy's <c>pairwise_sum</c> for float64 (the order <c>ndarray.sum</c> adds a contiguous axis in).</summary>
    public static double PairwiseSum(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        if (n < 8)
        {
            var s = 0.0;
            foreach (var v in a)
            {
                s += v;
            }

            return s;
        }

        if (n <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            var i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                for (var j = 0; j < 8; j++)
                {
                    r[j] += a[i + j];
                }
            }

            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        var half = n / 2;
        half -= half % 8;
        return PairwiseSum(a[..half]) + PairwiseSum(a[half..]);
    }
}
