namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>
/// Row-major byte features held in blocks of rows (a .NET array holds at most ~2.1 billion values, less than a
/// full validation set with 780 features), e.g. one block per parquet row group.
/// </summary>
public sealed class FeatureMatrix
{
    private readonly byte[][] blocks;
    private readonly int[] starts;

    /// <summary>Creates a matrix from blocks of whole rows (each block's length a multiple of <paramref name="columns"/>).</summary>
    public FeatureMatrix(int columns, IReadOnlyList<byte[]> rowBlocks)
    {
        if (columns <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), "a feature matrix needs at least one column");
        }

        Columns = columns;
        blocks = [.. rowBlocks];
        starts = new int[blocks.Length + 1];
        for (var b = 0; b < blocks.Length; b++)
        {
            if (blocks[b].Length % columns != 0)
            {
                throw new ArgumentException($"block {b} holds {blocks[b].Length} values, not whole rows of {columns}");
            }

            starts[b + 1] = checked(starts[b] + (blocks[b].Length / columns));
        }
    }

    /// <summary>Features per row.</summary>
    public int Columns { get; }

    /// <summary>Rows.</summary>
    public int Rows => starts[^1];

    /// <summary>One block holding all rows.</summary>
    public static FeatureMatrix FromRowMajor(byte[] values, int columns) => new(columns, [values]);

    /// <summary>The features of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<byte> Row(int row)
    {
        var b = Array.BinarySearch(starts, row);
        if (b < 0)
        {
            b = ~b - 1;
        }
        else
        {
            while (b + 1 < starts.Length - 1 && starts[b + 1] == row)
            {
                b++;
            }
        }

        return blocks[b].AsSpan((row - starts[b]) * Columns, Columns);
    }

    /// <summary>The first (row, column) whose value exceeds <paramref name="limit"/>, or null.</summary>
    public (int Row, int Column)? FindAbove(byte limit)
    {
        if (limit == byte.MaxValue)
        {
            return null;
        }

        for (var b = 0; b < blocks.Length; b++)
        {
            var i = blocks[b].AsSpan().IndexOfAnyInRange((byte)(limit + 1), byte.MaxValue);
            if (i >= 0)
            {
                return (starts[b] + (i / Columns), i % Columns);
            }
        }

        return null;
    }
}
