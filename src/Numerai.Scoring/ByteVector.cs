using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>Products of a byte column with a double vector (dot product, axpy), widened 8 values at a time.</summary>
internal static unsafe class ByteVector
{
    /// <summary>Σᵢ bytes[i]·v[i].</summary>
    public static double Dot(ReadOnlySpan<byte> bytes, ReadOnlySpan<double> v)
    {
        var n = bytes.Length;
        if (v.Length < n)
        {
            throw new ArgumentException("the vector is shorter than the column", nameof(v));
        }

        var i = 0;
        var sum = 0.0;
        fixed (byte* b = bytes)
        fixed (double* d = v)
        {
            if (Avx512F.IsSupported)
            {
                var acc = Vector512<double>.Zero;
                for (; i + 8 <= n; i += 8)
                {
                    var x = Avx512F.ConvertToVector512Double(Avx2.ConvertToVector256Int32(b + i));
                    acc = Avx512F.FusedMultiplyAdd(x, Avx512F.LoadVector512(d + i), acc);
                }

                sum = Vector512.Sum(acc);
            }
            else if (Avx2.IsSupported && Fma.IsSupported)
            {
                var acc = Vector256<double>.Zero;
                for (; i + 4 <= n; i += 4)
                {
                    var x = Avx.ConvertToVector256Double(Sse41.ConvertToVector128Int32(b + i));
                    acc = Fma.MultiplyAdd(x, Avx.LoadVector256(d + i), acc);
                }

                sum = Vector256.Sum(acc);
            }

            for (; i < n; i++)
            {
                sum += b[i] * d[i];
            }
        }

        return sum;
    }

    /// <summary>v[i] += a·bytes[i].</summary>
    public static void AddScaled(Span<double> v, double a, ReadOnlySpan<byte> bytes)
    {
        var n = bytes.Length;
        if (v.Length < n)
        {
            throw new ArgumentException("the vector is shorter than the column", nameof(v));
        }

        var i = 0;
        fixed (byte* b = bytes)
        fixed (double* d = v)
        {
            if (Avx512F.IsSupported)
            {
                var va = Vector512.Create(a);
                for (; i + 8 <= n; i += 8)
                {
                    var x = Avx512F.ConvertToVector512Double(Avx2.ConvertToVector256Int32(b + i));
                    Avx512F.Store(d + i, Avx512F.FusedMultiplyAdd(x, va, Avx512F.LoadVector512(d + i)));
                }
            }
            else if (Avx2.IsSupported && Fma.IsSupported)
            {
                var va = Vector256.Create(a);
                for (; i + 4 <= n; i += 4)
                {
                    var x = Avx.ConvertToVector256Double(Sse41.ConvertToVector128Int32(b + i));
                    Avx.Store(d + i, Fma.MultiplyAdd(x, va, Avx.LoadVector256(d + i)));
                }
            }

            for (; i < n; i++)
            {
                d[i] += a * b[i];
            }
        }
    }
}
