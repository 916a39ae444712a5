namespace NumeraiPipeline.Data.Bench;

/// <summary>Numerai CORR of one era (tie-kept rank, gaussianize, power 1.5, Pearson against the centred target^1.5).</summary>
internal static class NumeraiCorr
{
    public static double Era(IReadOnlyList<double> predictions, IReadOnlyList<double> target)
    {
        var n = predictions.Count;
        var ranks = AverageRanks(predictions);
        var a = new double[n];
        var b = new double[n];
        var mean = target.Average();
        for (var i = 0; i < n; i++)
        {
            a[i] = Pow15(InverseNormal((ranks[i] - 0.5) / n));
            b[i] = Pow15(target[i] - mean);
        }

        return Pearson(a, b);
    }

    private static double Pow15(double x) => Math.Sign(x) * Math.Pow(Math.Abs(x), 1.5);

    private static double[] AverageRanks(IReadOnlyList<double> v)
    {
        var order = Enumerable.Range(0, v.Count).OrderBy(i => v[i]).ToArray();
        var ranks = new double[v.Count];
        var i0 = 0;
        while (i0 < order.Length)
        {
            var i1 = i0;
            while (i1 + 1 < order.Length && v[order[i1 + 1]] == v[order[i0]])
            {
                i1++;
            }

            var rank = ((i0 + i1) / 2.0) + 1;
            for (var k = i0; k <= i1; k++)
            {
                ranks[order[k]] = rank;
            }

            i0 = i1 + 1;
        }

        return ranks;
    }

    private static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return saa == 0 || sbb == 0 ? 0 : sab / Math.Sqrt(saa * sbb);
    }

    // Acklam's rational approximation (relative error ~1e-9): ample for a benchmark figure.
    private static double InverseNormal(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double Low = 0.02425;
        if (p < Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
