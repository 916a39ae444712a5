namespace NumeraiPipeline.LightGbm.Tests;

internal static class Stats
{
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<float> y)
    {
        var mx = x.Average();
        var my = y.Average(v => (double)v);
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxy / Math.Sqrt(sxx * syy);
    }
}
