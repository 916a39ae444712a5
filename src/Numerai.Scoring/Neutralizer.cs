using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>
/// Per-era least-squares neutralization y − X·β with X = [F | 1] (numerai-tools <c>neutralize</c>): the fitted
/// values are the orthogonal projection of y onto the column space of X, computed from the exact integer Gram
/// matrix of the byte features, centred (which removes the ones column), and a Cholesky factorisation that drops a
/// column whose remaining variance is below <see cref="DropTolerance"/> of its own (a feature constant in the era,
/// or an exact linear combination of earlier ones): the minimum-norm and this basic solution give the same fit.
/// One instance per thread; buffers grow as needed.
/// </summary>
internal sealed class Neutralizer
{
    /// <summary>Relative remaining variance (1 − R² against earlier kept columns) below which a column is dropped.</summary>
    public const double DropTolerance = 1e-9;

    private byte[] columns = [];
    private long[] gram = [];
    private double[] chol = [];
    private double[] diag = [];
    private long[] sums = [];
    private double[] rhs = [];
    private double[] beta = [];
    private bool[] kept = [];

    /// <summary>Columns kept by the last <see cref="Neutralize"/> (rank of the centred features).</summary>
    public int Rank { get; private set; }

    /// <summary>The column-major copy of the era's features made by <see cref="Load"/>.</summary>
    public ReadOnlySpan<byte> Columns => columns;

    /// <summary>Bytes between two columns in <see cref="Columns"/>.</summary>
    public int Stride { get; private set; }

    /// <summary>Rows loaded.</summary>
    public int Rows { get; private set; }

    /// <summary>Features loaded.</summary>
    public int Features { get; private set; }

    /// <summary>Column sums Σᵢ xᵢⱼ of the loaded features.</summary>
    public ReadOnlySpan<long> ColumnSums => sums.AsSpan(0, Features);

    /// <summary>Copies the given rows of the feature matrix into column-major blocks.</summary>
    public void Load(FeatureMatrix matrix, ReadOnlySpan<int> rows)
    {
        var p = matrix.Columns;
        var n = rows.Length;
        Rows = n;
        Features = p;
        Stride = (n + ByteGram.Step - 1) / ByteGram.Step * ByteGram.Step;
        var paddedColumns = (p + ByteGram.Tile - 1) / ByteGram.Tile * ByteGram.Tile;
        var size = paddedColumns * Stride;
        if (columns.Length < size)
        {
            columns = new byte[size];
        }
        else
        {
            columns.AsSpan(0, size).Clear();
        }

        Grow(ref sums, p);
        const int block = 64;
        for (var i0 = 0; i0 < n; i0 += block)
        {
            var i1 = Math.Min(n, i0 + block);
            for (var i = i0; i < i1; i++)
            {
                var src = matrix.Row(rows[i]);
                for (var j = 0; j < p; j++)
                {
                    columns[(j * Stride) + i] = src[j];
                }
            }
        }

        for (var j = 0; j < p; j++)
        {
            long s = 0;
            foreach (var b in columns.AsSpan(j * Stride, n))
            {
                s += b;
            }

            sums[j] = s;
        }
    }

    /// <summary>Σᵢ xᵢⱼ² for feature j (from the loaded columns).</summary>
    public long SumOfSquares(int j)
    {
        long s = 0;
        foreach (var b in columns.AsSpan(j * Stride, Rows))
        {
            s += b * b;
        }

        return s;
    }

    /// <summary>Σᵢ xᵢⱼ·vᵢ for feature j.</summary>
    public double Dot(int j, ReadOnlySpan<double> v) => ByteVector.Dot(columns.AsSpan(j * Stride, Rows), v);

    /// <summary>Writes y − X·β (X = loaded features plus a ones column, β least squares) into <paramref name="residual"/>.</summary>
    public void Neutralize(ReadOnlySpan<double> y, Span<double> residual)
    {
        var n = Rows;
        var p = Features;
        var paddedColumns = (p + ByteGram.Tile - 1) / ByteGram.Tile * ByteGram.Tile;
        Grow(ref gram, p * p);
        Grow(ref chol, p * p);
        Grow(ref diag, p);
        Grow(ref rhs, p);
        Grow(ref beta, p);
        if (kept.Length < p)
        {
            kept = new bool[p];
        }

        ByteGram.Compute(columns, p, paddedColumns, Stride, gram);
        var yMean = Stats.Mean(y);
        for (var i = 0; i < n; i++)
        {
            residual[i] = y[i] - yMean;
        }

        // centred Gram, exact in integers: n·Σxⱼxₖ − sⱼ·sₖ, then / n
        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k <= j; k++)
            {
                var exact = (n * gram[(j * p) + k]) - (sums[j] * sums[k]);
                chol[(j * p) + k] = (double)exact / n;
            }

            diag[j] = chol[(j * p) + j];
            rhs[j] = Dot(j, residual);
        }

        Factor(p);
        Solve(p);

        // residual = (y − ȳ) − Σⱼ (xⱼ − μⱼ) βⱼ
        var shift = 0.0;
        for (var j = 0; j < p; j++)
        {
            if (beta[j] != 0)
            {
                shift += beta[j] * sums[j] / n;
            }
        }

        for (var i = 0; i < n; i++)
        {
            residual[i] += shift;
        }

        for (var j = 0; j < p; j++)
        {
            var b = beta[j];
            if (b == 0)
            {
                continue;
            }

            ByteVector.AddScaled(residual, -b, columns.AsSpan(j * Stride, n));
        }
    }

    private void Factor(int p)
    {
        var rank = 0;
        for (var i = 0; i < p; i++)
        {
            var rowI = chol.AsSpan(i * p, p);
            for (var j = 0; j < i; j++)
            {
                if (!kept[j])
                {
                    rowI[j] = 0;
                    continue;
                }

                var rowJ = chol.AsSpan(j * p, j);
                rowI[j] = (rowI[j] - DotPrefix(rowI[..j], rowJ)) / chol[(j * p) + j];
            }

            var d = diag[i] - DotPrefix(rowI[..i], rowI[..i]);
            if (diag[i] <= 0 || d <= DropTolerance * diag[i])
            {
                kept[i] = false;
                rowI[..(i + 1)].Clear();
            }
            else
            {
                kept[i] = true;
                rowI[i] = Math.Sqrt(d);
                rank++;
            }
        }

        Rank = rank;
    }

    private void Solve(int p)
    {
        // forward: L w = rhs (w stored in beta)
        for (var i = 0; i < p; i++)
        {
            if (!kept[i])
            {
                beta[i] = 0;
                continue;
            }

            var rowI = chol.AsSpan(i * p, i);
            beta[i] = (rhs[i] - DotPrefix(rowI, beta.AsSpan(0, i))) / chol[(i * p) + i];
        }

        // backward: Lᵀ β = w
        for (var i = p - 1; i >= 0; i--)
        {
            if (!kept[i])
            {
                beta[i] = 0;
                continue;
            }

            var s = beta[i];
            for (var k = i + 1; k < p; k++)
            {
                s -= chol[(k * p) + i] * beta[k];
            }

            beta[i] = s / chol[(i * p) + i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double DotPrefix(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n = a.Length;
        var i = 0;
        var s = 0.0;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            var acc = Vector512<double>.Zero;
            var acc2 = Vector512<double>.Zero;
            for (; i + 16 <= n; i += 16)
            {
                acc = Vector512.FusedMultiplyAdd(Vector512.Create(a.Slice(i, 8)), Vector512.Create(b.Slice(i, 8)), acc);
                acc2 = Vector512.FusedMultiplyAdd(Vector512.Create(a.Slice(i + 8, 8)), Vector512.Create(b.Slice(i + 8, 8)), acc2);
            }

            s = Vector512.Sum(acc + acc2);
        }
        else if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var acc = Vector256<double>.Zero;
            var acc2 = Vector256<double>.Zero;
            for (; i + 8 <= n; i += 8)
            {
                acc = Vector256.FusedMultiplyAdd(Vector256.Create(a.Slice(i, 4)), Vector256.Create(b.Slice(i, 4)), acc);
                acc2 = Vector256.FusedMultiplyAdd(Vector256.Create(a.Slice(i + 4, 4)), Vector256.Create(b.Slice(i + 4, 4)), acc2);
            }

            s = Vector256.Sum(acc + acc2);
        }

        for (; i < n; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static void Grow<T>(ref T[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            buffer = new T[size];
        }
    }
}
