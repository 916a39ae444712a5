namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>Small numeric primitives over spans of doubles.</summary>
internal static class Stats
{
    /// <summary>sign(x)·|x|^1.5.</summary>
    public static double Pow15(double x) => x * Math.Sqrt(Math.Abs(x));

    /// <summary>Applies <see cref="Pow15(double)"/> to every element.</summary>
    public static void Pow15(Span<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Pow15(values[i]);
        }
    }

    /// <summary>The arithmetic mean (NaN for an empty span).</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>Pearson correlation, two-pass; NaN when either side is constant or fewer than two values.</summary>
    public static double Pearson(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n = a.Length;
        if (n != b.Length)
        {
            throw new ArgumentException("the two series differ in length", nameof(b));
        }

        if (n < 2)
        {
            return double.NaN;
        }

        var ma = Mean(a);
        var mb = Mean(b);
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < n; i++)
        {
            var da = a[i] - ma;
            var db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        if (saa == 0 || sbb == 0)
        {
            return double.NaN;
        }

        return sab / Math.Sqrt(saa * sbb);
    }
}
