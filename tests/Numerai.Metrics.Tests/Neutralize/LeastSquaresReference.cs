namespace Numerai.Metrics.Tests.Neutralize;

/// <summary>
/// numerai-tools' <c>neutralize</c> for one era, written out independently of the engine: X = [F | 1] as doubles (not
/// centred), least squares by Householder QR with column pivoting, columns whose |Rₖₖ| falls below
/// rcond·|R₀₀| (numpy's rcond = 1e-6) treated as dependent, result y − proportion·X·β; a column with zero standard
/// deviation becomes NaN. No NaN may be passed in (numerai-tools asserts it).
/// </summary>
internal static class LeastSquaresReference
{
    public const double Rcond = 1e-6;

    /// <summary>Neutralizes each of <paramref name="ys"/> (columns over the same rows) against <paramref name="features"/> (rows × p).</summary>
    public static double[][] Neutralize(double[][] features, double[][] ys, double proportion)
    {
        var n = features.Length;
        var p = n == 0 ? 0 : features[0].Length;
        var q = Basis(features, n, p);
        var result = new double[ys.Length][];
        for (var c = 0; c < ys.Length; c++)
        {
            var y = ys[c];
            if (y.Any(double.IsNaN))
            {
                throw new ArgumentException("numerai-tools asserts that the data contains no NaN");
            }

            // pandas' std of one value is NaN, not 0: such a column is fitted
            if (n > 1 && y.All(v => v == y[0]))
            {
                result[c] = Enumerable.Repeat(double.NaN, n).ToArray();
                continue;
            }

            // fitted = Q Qᵀ y over the kept basis vectors
            var fitted = new double[n];
            foreach (var u in q)
            {
                var d = 0.0;
                for (var i = 0; i < n; i++)
                {
                    d += u[i] * y[i];
                }

                for (var i = 0; i < n; i++)
                {
                    fitted[i] += d * u[i];
                }
            }

            result[c] = y.Select((v, i) => v - (proportion * fitted[i])).ToArray();
        }

        return result;
    }

    /// <summary>An orthonormal basis (the first rank columns of Q) of the span of [F | 1].</summary>
    private static List<double[]> Basis(double[][] features, int n, int p)
    {
        var m = p + 1;
        var a = new double[m][];
        for (var j = 0; j < m; j++)
        {
            a[j] = new double[n];
            for (var i = 0; i < n; i++)
            {
                a[j][i] = j == p ? 1.0 : features[i][j];
            }
        }

        var reflectors = new List<double[]>();
        var steps = Math.Min(n, m);
        double first = 0;
        var rank = 0;
        for (var k = 0; k < steps; k++)
        {
            // pivot: the remaining column of largest norm below row k
            var best = k;
            var bestNorm = -1.0;
            for (var j = k; j < m; j++)
            {
                var s = 0.0;
                for (var i = k; i < n; i++)
                {
                    s += a[j][i] * a[j][i];
                }

                if (s > bestNorm)
                {
                    bestNorm = s;
                    best = j;
                }
            }

            (a[k], a[best]) = (a[best], a[k]);
            var norm = Math.Sqrt(bestNorm);
            if (k == 0)
            {
                first = norm;
            }

            if (norm == 0 || norm <= Rcond * first)
            {
                break;
            }

            // Householder vector v with (I − 2vvᵀ/vᵀv) a_k = −sign(a_kk)·norm·e_k
            var v = new double[n];
            for (var i = k; i < n; i++)
            {
                v[i] = a[k][i];
            }

            v[k] += Math.CopySign(norm, a[k][k]);
            var vv = 0.0;
            for (var i = k; i < n; i++)
            {
                vv += v[i] * v[i];
            }

            for (var j = k; j < m; j++)
            {
                var d = 0.0;
                for (var i = k; i < n; i++)
                {
                    d += v[i] * a[j][i];
                }

                var f = 2 * d / vv;
                for (var i = k; i < n; i++)
                {
                    a[j][i] -= f * v[i];
                }
            }

            reflectors.Add(v);
            rank++;
        }

        // q_k = H_0 H_1 … H_k e_k
        var basis = new List<double[]>();
        for (var k = 0; k < rank; k++)
        {
            var e = new double[n];
            e[k] = 1;
            for (var h = k; h >= 0; h--)
            {
                var v = reflectors[h];
                var d = 0.0;
                var vv = 0.0;
                for (var i = h; i < n; i++)
                {
                    d += v[i] * e[i];
                    vv += v[i] * v[i];
                }

                var f = 2 * d / vv;
                for (var i = h; i < n; i++)
                {
                    e[i] -= f * v[i];
                }
            }

            basis.Add(e);
        }

        return basis;
    }
}
