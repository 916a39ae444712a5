using NumeraiPipeline.Numerai.Scoring;

namespace Numerai.Metrics.Tests;

public sealed class LinearAlgebraTests
{
    [Theory]
    [InlineData(37, 5, 0)]
    [InlineData(2100, 9, 0)]
    [InlineData(4500, 13, 0)]
    [InlineData(2100, 9, 1)]
    [InlineData(2100, 9, 2)]
    public void Byte_gram_is_exact(int n, int p, int kernel)
    {
        var rng = new Random(n + p);
        var stride = (n + ByteGram.Step - 1) / ByteGram.Step * ByteGram.Step;
        var padded = (p + ByteGram.Tile - 1) / ByteGram.Tile * ByteGram.Tile;
        var cols = new byte[padded * stride];
        for (var j = 0; j < p; j++)
        {
            for (var i = 0; i < n; i++)
            {
                cols[(j * stride) + i] = (byte)rng.Next(0, 5);
            }
        }

        var gram = new long[p * p];
        ByteGram.Compute(cols, p, padded, stride, gram, (GramKernel)kernel);
        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k < p; k++)
            {
                long expected = 0;
                for (var i = 0; i < n; i++)
                {
                    expected += cols[(j * stride) + i] * cols[(k * stride) + i];
                }

                gram[(j * p) + k].ShouldBe(expected, $"({j},{k})");
            }
        }
    }

    [Fact]
    public void Neutralizer_matches_gram_schmidt_with_constant_and_duplicated_features()
    {
        const int n = 300;
        const int p = 7;
        var rng = new Random(5);
        var matrix = new byte[n * p];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < p; j++)
            {
                matrix[(i * p) + j] = (byte)rng.Next(0, 5);
            }

            matrix[(i * p) + 2] = 2; // constant in the era
            matrix[(i * p) + 5] = matrix[(i * p) + 1]; // duplicate of feature 1
            matrix[(i * p) + 6] = (byte)(4 - matrix[(i * p) + 3]); // affine in feature 3 (with the ones column)
        }

        var y = Enumerable.Range(0, n).Select(i => Math.Sin(i) + (0.3 * matrix[(i * p) + 0])).ToArray();
        var nz = new Neutralizer();
        nz.Load(FeatureMatrix.FromRowMajor(matrix, p), Enumerable.Range(0, n).ToArray());
        var z = new double[n];
        nz.Neutralize(y, z);
        nz.Rank.ShouldBe(4);

        var x = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, p).Select(j => (double)matrix[(i * p) + j]).ToArray()).ToArray();
        var reference = NaiveReference.Residual(x, y);
        for (var i = 0; i < n; i++)
        {
            z[i].ShouldBe(reference[i], 1e-12);
        }

        // the residual is orthogonal to every feature and to the ones column
        z.Sum().ShouldBe(0, 1e-9);
        for (var j = 0; j < p; j++)
        {
            Enumerable.Range(0, n).Sum(i => z[i] * matrix[(i * p) + j]).ShouldBe(0, 1e-9);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(1001)]
    public void Byte_vector_dot_and_axpy_match_plain_loops(int n)
    {
        var rng = new Random(n);
        var bytes = Enumerable.Range(0, n).Select(_ => (byte)rng.Next(0, 5)).ToArray();
        var v = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        ByteVector.Dot(bytes, v).ShouldBe(bytes.Zip(v, (b, d) => b * d).Sum(), 1e-12);
        var w = (double[])v.Clone();
        ByteVector.AddScaled(w, -0.75, bytes);
        for (var i = 0; i < n; i++)
        {
            w[i].ShouldBe(v[i] - (0.75 * bytes[i]), 1e-15);
        }
    }
}
