using NumeraiPipeline.Plugins.LightGbm.Training;

namespace NumeraiPipeline.LightGbm.Tests;

public sealed class CsrBufferTests
{
    [Theory]
    [InlineData(7, 5)]
    [InlineData(5000, 33)]
    public void Keeps_exactly_the_non_zero_values_of_each_row_in_order(int rows, int width)
    {
        var random = new Random(rows);
        var bytes = new byte[rows * width];
        for (var i = 0; i < bytes.Length; i++)
        {
            var u = random.NextDouble();
            bytes[i] = u < 0.3 ? (byte)0 : u < 0.35 ? Int8Features.Missing : (byte)random.Next(1, 5);
        }

        // rows that are all zeros, end in zeros, start with zeros (at the boundaries of the parallel parts too)
        foreach (var r in new[] { 0, 1, rows / 2, rows - 1 })
        {
            bytes.AsSpan(r * width, width).Clear();
        }

        bytes.AsSpan((2 % rows) * width, width).Fill(4);
        bytes[((rows / 2) - 1 + rows) % rows * width] = 2;

        var csr = new CsrBuffer(rows, width);

        // a previous fill must not leak into this one
        csr.Fill(Enumerable.Repeat((byte)1, rows * width).ToArray(), rows, width);
        csr.Fill(bytes, rows, width);

        csr.RowStarts[0].ShouldBe(0);
        for (var r = 0; r < rows; r++)
        {
            var expected = new List<(int, float)>();
            for (var c = 0; c < width; c++)
            {
                var b = bytes[(r * width) + c];
                if (b != 0)
                {
                    expected.Add((c, b == Int8Features.Missing ? float.NaN : b));
                }
            }

            var actual = new List<(int, float)>();
            for (var k = csr.RowStarts[r]; k < csr.RowStarts[r + 1]; k++)
            {
                actual.Add((csr.Columns[k], csr.Values[k]));
            }

            actual.ShouldBe(expected, $"row {r}");
        }
    }

    [Fact]
    public void Rejects_more_rows_than_it_holds()
    {
        var csr = new CsrBuffer(4, 3);
        Should.Throw<ArgumentException>(() => csr.Fill(new byte[15], 5, 3));
    }
}
