namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>
/// Aggregates of a per-era score series (eras in ascending order, NaN eras dropped): mean, population std
/// (ddof 0), Sharpe = mean / std, and max drawdown of the cumulative sum with the running peak starting at the
/// first era's cumulative value.
/// </summary>
public sealed record SeriesSummary(int Eras, double Mean, double Std, double Sharpe, double MaxDrawdown, double StdDdof1)
{
    /// <summary>Summarises the values in era order; NaN values are skipped.</summary>
    public static SeriesSummary From(IEnumerable<double> valuesInEraOrder)
    {
        var values = valuesInEraOrder.Where(v => !double.IsNaN(v)).ToArray();
        var n = values.Length;
        if (n == 0)
        {
            return new SeriesSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var mean = Stats.Mean(values);
        var ss = 0.0;
        foreach (var v in values)
        {
            ss += (v - mean) * (v - mean);
        }

        var std = Math.Sqrt(ss / n);
        var std1 = n > 1 ? Math.Sqrt(ss / (n - 1)) : double.NaN;
        var sharpe = std == 0 ? double.NaN : mean / std;
        return new SeriesSummary(n, mean, std, sharpe, Drawdown(values), std1);
    }

    /// <summary>max over k of (max_{j≤k} C_j − C_k), C the cumulative sum; the peak starts at C₁.</summary>
    public static double Drawdown(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var cumulative = 0.0;
        var peak = double.NegativeInfinity;
        var worst = 0.0;
        foreach (var v in values)
        {
            cumulative += v;
            peak = Math.Max(peak, cumulative);
            worst = Math.Max(worst, peak - cumulative);
        }

        return worst;
    }
}
