using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>
/// The exact integer Gram matrix FᵀF of small non-negative integer features (0..127), stored column-major as bytes.
/// Uses AVX-VNNI (u8×s8 dot products into int32) or AVX2 (pmaddubsw + pmaddwd) when available; results are exact.
/// </summary>
internal static unsafe class ByteGram
{
    /// <summary>Rows per cache block.</summary>
    private const int RowBlock = 2048;

    /// <summary>Columns per tile side.</summary>
    public const int Tile = 4;

    /// <summary>Bytes per vector step; a column's stride must be a multiple of it.</summary>
    public const int Step = 32;

    /// <summary>The best kernel this CPU supports.</summary>
    public static GramKernel Best => AvxVnni.IsSupported ? GramKernel.Vnni : Avx2.IsSupported ? GramKernel.Avx2 : GramKernel.Scalar;

    /// <summary>
    /// Computes gram[j·p + k] = Σᵢ cols[j·stride + i]·cols[k·stride + i] for all j, k &lt; p.
    /// <paramref name="columns"/> holds <paramref name="paddedColumns"/> (a multiple of <see cref="Tile"/>) columns of
    /// <paramref name="stride"/> bytes (a multiple of <see cref="Step"/>), zero beyond the data.
    /// </summary>
    public static void Compute(ReadOnlySpan<byte> columns, int p, int paddedColumns, int stride, Span<long> gram) =>
        Compute(columns, p, paddedColumns, stride, gram, Best);

    /// <summary>As <see cref="Compute(ReadOnlySpan{byte}, int, int, int, Span{long})"/> with a given kernel (which the CPU must support).</summary>
    public static void Compute(ReadOnlySpan<byte> columns, int p, int paddedColumns, int stride, Span<long> gram, GramKernel kernel)
    {
        if (paddedColumns % Tile != 0 || stride % Step != 0 || paddedColumns < p)
        {
            throw new ArgumentException("the column block is not padded to the kernel's tile and step");
        }

        gram[..(p * p)].Clear();
        Span<int> tile = stackalloc int[Tile * Tile];
        fixed (byte* basePtr = columns)
        {
            for (var r0 = 0; r0 < stride; r0 += RowBlock)
            {
                var r1 = Math.Min(stride, r0 + RowBlock);
                for (var jb = 0; jb < paddedColumns; jb += Tile)
                {
                    for (var kb = jb; kb < paddedColumns; kb += Tile)
                    {
                        TileProduct(basePtr, stride, jb, kb, r0, r1, tile, kernel);
                        Accumulate(tile, jb, kb, p, gram);
                    }
                }
            }
        }

        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k < j; k++)
            {
                gram[(j * p) + k] = gram[(k * p) + j];
            }
        }
    }

    private static void Accumulate(ReadOnlySpan<int> tile, int jb, int kb, int p, Span<long> gram)
    {
        for (var a = 0; a < Tile; a++)
        {
            var j = jb + a;
            if (j >= p)
            {
                break;
            }

            for (var b = 0; b < Tile; b++)
            {
                var k = kb + b;
                if (k >= p || k < j)
                {
                    continue;
                }

                gram[(j * p) + k] += tile[(a * Tile) + b];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TileProduct(byte* basePtr, int stride, int jb, int kb, int r0, int r1, Span<int> tile, GramKernel kernel)
    {
        byte* a0 = basePtr + ((long)jb * stride), a1 = a0 + stride, a2 = a1 + stride, a3 = a2 + stride;
        byte* b0 = basePtr + ((long)kb * stride), b1 = b0 + stride, b2 = b1 + stride, b3 = b2 + stride;
        if (kernel == GramKernel.Vnni && AvxVnni.IsSupported)
        {
            TileVnni(a0, a1, a2, a3, b0, b1, b2, b3, r0, r1, tile);
        }
        else if (kernel != GramKernel.Scalar && Avx2.IsSupported)
        {
            TileAvx2(a0, a1, a2, a3, b0, b1, b2, b3, r0, r1, tile);
        }
        else
        {
            TileScalar([(nint)a0, (nint)a1, (nint)a2, (nint)a3], [(nint)b0, (nint)b1, (nint)b2, (nint)b3], r0, r1, tile);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TileVnni(byte* a0, byte* a1, byte* a2, byte* a3, byte* b0, byte* b1, byte* b2, byte* b3, int r0, int r1, Span<int> tile)
    {
        Vector256<int> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector256<int> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector256<int> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector256<int> c30 = default, c31 = default, c32 = default, c33 = default;
        for (var i = r0; i < r1; i += Step)
        {
            var x0 = Avx.LoadVector256(a0 + i);
            var x1 = Avx.LoadVector256(a1 + i);
            var x2 = Avx.LoadVector256(a2 + i);
            var x3 = Avx.LoadVector256(a3 + i);
            var y = Avx.LoadVector256((sbyte*)(b0 + i));
            c00 = AvxVnni.MultiplyWideningAndAdd(c00, x0, y);
            c10 = AvxVnni.MultiplyWideningAndAdd(c10, x1, y);
            c20 = AvxVnni.MultiplyWideningAndAdd(c20, x2, y);
            c30 = AvxVnni.MultiplyWideningAndAdd(c30, x3, y);
            y = Avx.LoadVector256((sbyte*)(b1 + i));
            c01 = AvxVnni.MultiplyWideningAndAdd(c01, x0, y);
            c11 = AvxVnni.MultiplyWideningAndAdd(c11, x1, y);
            c21 = AvxVnni.MultiplyWideningAndAdd(c21, x2, y);
            c31 = AvxVnni.MultiplyWideningAndAdd(c31, x3, y);
            y = Avx.LoadVector256((sbyte*)(b2 + i));
            c02 = AvxVnni.MultiplyWideningAndAdd(c02, x0, y);
            c12 = AvxVnni.MultiplyWideningAndAdd(c12, x1, y);
            c22 = AvxVnni.MultiplyWideningAndAdd(c22, x2, y);
            c32 = AvxVnni.MultiplyWideningAndAdd(c32, x3, y);
            y = Avx.LoadVector256((sbyte*)(b3 + i));
            c03 = AvxVnni.MultiplyWideningAndAdd(c03, x0, y);
            c13 = AvxVnni.MultiplyWideningAndAdd(c13, x1, y);
            c23 = AvxVnni.MultiplyWideningAndAdd(c23, x2, y);
            c33 = AvxVnni.MultiplyWideningAndAdd(c33, x3, y);
        }

        Store(tile, c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TileAvx2(byte* a0, byte* a1, byte* a2, byte* a3, byte* b0, byte* b1, byte* b2, byte* b3, int r0, int r1, Span<int> tile)
    {
        var ones = Vector256.Create((short)1);
        Vector256<int> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector256<int> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector256<int> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector256<int> c30 = default, c31 = default, c32 = default, c33 = default;
        for (var i = r0; i < r1; i += Step)
        {
            var x0 = Avx.LoadVector256(a0 + i);
            var x1 = Avx.LoadVector256(a1 + i);
            var x2 = Avx.LoadVector256(a2 + i);
            var x3 = Avx.LoadVector256(a3 + i);
            var y = Avx.LoadVector256((sbyte*)(b0 + i));
            c00 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x0, y), ones);
            c10 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x1, y), ones);
            c20 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x2, y), ones);
            c30 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x3, y), ones);
            y = Avx.LoadVector256((sbyte*)(b1 + i));
            c01 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x0, y), ones);
            c11 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x1, y), ones);
            c21 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x2, y), ones);
            c31 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x3, y), ones);
            y = Avx.LoadVector256((sbyte*)(b2 + i));
            c02 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x0, y), ones);
            c12 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x1, y), ones);
            c22 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x2, y), ones);
            c32 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x3, y), ones);
            y = Avx.LoadVector256((sbyte*)(b3 + i));
            c03 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x0, y), ones);
            c13 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x1, y), ones);
            c23 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x2, y), ones);
            c33 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x3, y), ones);
        }

        Store(tile, c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33);
    }

    private static void TileScalar(nint[] a, nint[] b, int r0, int r1, Span<int> tile)
    {
        for (var x = 0; x < Tile; x++)
        {
            var pa = (byte*)a[x];
            for (var y = 0; y < Tile; y++)
            {
                var pb = (byte*)b[y];
                var sum = 0;
                for (var i = r0; i < r1; i++)
                {
                    sum += pa[i] * pb[i];
                }

                tile[(x * Tile) + y] = sum;
            }
        }
    }

    private static void Store(
        Span<int> tile,
        Vector256<int> c00, Vector256<int> c01, Vector256<int> c02, Vector256<int> c03,
        Vector256<int> c10, Vector256<int> c11, Vector256<int> c12, Vector256<int> c13,
        Vector256<int> c20, Vector256<int> c21, Vector256<int> c22, Vector256<int> c23,
        Vector256<int> c30, Vector256<int> c31, Vector256<int> c32, Vector256<int> c33)
    {
        tile[0] = Vector256.Sum(c00);
        tile[1] = Vector256.Sum(c01);
        tile[2] = Vector256.Sum(c02);
        tile[3] = Vector256.Sum(c03);
        tile[4] = Vector256.Sum(c10);
        tile[5] = Vector256.Sum(c11);
        tile[6] = Vector256.Sum(c12);
        tile[7] = Vector256.Sum(c13);
        tile[8] = Vector256.Sum(c20);
        tile[9] = Vector256.Sum(c21);
        tile[10] = Vector256.Sum(c22);
        tile[11] = Vector256.Sum(c23);
        tile[12] = Vector256.Sum(c30);
        tile[13] = Vector256.Sum(c31);
        tile[14] = Vector256.Sum(c32);
        tile[15] = Vector256.Sum(c33);
    }
}
