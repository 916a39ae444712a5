using NumeraiPipeline.Numerai.Scoring;

namespace Numerai.Metrics.Tests;

/// <summary>
/// The scoring formulas of DATA-AND-SCORING.md §4 written out plainly, one era at a time, single-threaded, the
/// way numerai-tools does it with pandas (ids aligned through dictionaries and sorted; double-precision least
/// squares by modified Gram–Schmidt on [F | 1]). The reference for the engine's tests and the benchmark's ratio.
/// </summary>
internal static class NaiveReference
{
    public sealed record EraResult(string Era, double Corr, double Mmc, double Bmc, double Fnc, double Exposure);

    public static List<EraResult> Score(string[] ids, ScoringData data, bool fnc = true)
    {
        var results = new List<EraResult>();
        foreach (var era in data.Eras.Distinct().Order(StringComparer.Ordinal))
        {
            var rows = Enumerable.Range(0, data.Rows).Where(i => data.Eras[i] == era).ToArray();
            var target = rows.Where(r => !double.IsNaN(data.Target[r])).ToDictionary(r => ids[r], r => data.Target[r]);
            if (target.Count == 0)
            {
                continue;
            }

            var preds = rows.Where(r => target.ContainsKey(ids[r]) && !double.IsNaN(data.Prediction[r])).ToDictionary(r => ids[r], r => data.Prediction[r]);
            var corr = NumeraiCorr(preds, target);
            var mmc = data.MetaModel is null ? double.NaN : Contribution(preds, Series(ids, rows, data.MetaModel, target), target);
            var bmc = data.Benchmark is null ? double.NaN : Contribution(preds, Series(ids, rows, data.Benchmark, target), target);
            double fncValue = double.NaN, exposure = double.NaN;
            if (data.Features is not null)
            {
                var p = data.FeatureNames.Count;
                var keys = preds.Keys.Order(StringComparer.Ordinal).ToArray();
                var rowOf = rows.ToDictionary(r => ids[r], r => r);
                var x = keys.Select(k => Enumerable.Range(0, p).Select(j => (double)data.Features.Row(rowOf[k])[j]).ToArray()).ToArray();
                var y = keys.Select(k => preds[k]).ToArray();
                exposure = Enumerable.Range(0, p).Select(j => Math.Abs(Stats.Pearson(x.Select(r => r[j]).ToArray(), y))).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max();
                if (fnc)
                {
                    var g = Gaussian(y);
                    var z = Residual(x, g);
                    fncValue = NumeraiCorr(keys.Select((k, i) => (k, z[i])).ToDictionary(t => t.k, t => t.Item2), target);
                }
            }

            results.Add(new EraResult(era, corr, mmc, bmc, fncValue, exposure));
        }

        return results;
    }

    public static double NumeraiCorr(Dictionary<string, double> preds, Dictionary<string, double> target)
    {
        var mean = target.Values.Average();
        var keys = preds.Keys.Intersect(target.Keys).Order(StringComparer.Ordinal).ToArray();
        if (keys.Length < 0.8 * target.Count || keys.Length < 0.8 * preds.Count)
        {
            return double.NaN;
        }

        var a = Gaussian(keys.Select(k => preds[k]).ToArray()).Select(Pow15).ToArray();
        var b = keys.Select(k => Pow15(target[k] - mean)).ToArray();
        return Stats.Pearson(a, b);
    }

    public static double Contribution(Dictionary<string, double> preds, Dictionary<string, double> other, Dictionary<string, double> target)
    {
        var keys = preds.Keys.Intersect(other.Keys).Intersect(target.Keys).Order(StringComparer.Ordinal).ToArray();
        if (keys.Length == 0 || keys.Length < 0.8 * preds.Count || keys.Length < 0.8 * other.Count)
        {
            return double.NaN;
        }

        var gp = Gaussian(keys.Select(k => preds[k]).ToArray());
        var gm = Gaussian(keys.Select(k => other[k]).ToArray());
        var factor = gp.Zip(gm, (u, v) => u * v).Sum() / gm.Sum(v => v * v);
        var t = keys.Select(k => target[k]).ToArray();
        if (t.All(v => v is >= 0 and <= 1))
        {
            t = t.Select(v => v * 4).ToArray();
        }

        var tm = t.Average();
        return Enumerable.Range(0, keys.Length).Sum(i => (t[i] - tm) * (gp[i] - (gm[i] * factor))) / keys.Length;
    }

    public static double[] Gaussian(double[] values)
    {
        var ranks = Ranking.AverageRanks(values);
        return ranks.Select(r => InverseNormal.Quantile((r - 0.5) / values.Length)).ToArray();
    }

    /// <summary>y minus its least-squares projection on [X | 1] (modified Gram–Schmidt, dependent columns dropped).</summary>
    public static double[] Residual(double[][] x, double[] y)
    {
        var n = y.Length;
        var p = x.Length == 0 ? 0 : x[0].Length;
        var basis = new List<double[]>();
        for (var j = 0; j <= p; j++)
        {
            var v = Enumerable.Range(0, n).Select(i => j == p ? 1.0 : x[i][j]).ToArray();
            var norm0 = Math.Sqrt(v.Sum(a => a * a));
            foreach (var q in basis)
            {
                var d = v.Zip(q, (a, b) => a * b).Sum();
                for (var i = 0; i < n; i++)
                {
                    v[i] -= d * q[i];
                }
            }

            var norm = Math.Sqrt(v.Sum(a => a * a));
            if (norm0 == 0 || norm <= 1e-7 * norm0)
            {
                continue;
            }

            basis.Add(v.Select(a => a / norm).ToArray());
        }

        var z = (double[])y.Clone();
        foreach (var q in basis)
        {
            var d = z.Zip(q, (a, b) => a * b).Sum();
            for (var i = 0; i < n; i++)
            {
                z[i] -= d * q[i];
            }
        }

        return z;
    }

    public static double Pow15(double v) => Math.Sign(v) * Math.Pow(Math.Abs(v), 1.5);

    // rows without a target are dropped from the era before scoring
    private static Dictionary<string, double> Series(string[] ids, int[] rows, double[] values, Dictionary<string, double> target) =>
        rows.Where(r => !double.IsNaN(values[r]) && target.ContainsKey(ids[r])).ToDictionary(r => ids[r], r => values[r]);
}
