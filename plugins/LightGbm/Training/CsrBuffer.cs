namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// A reused buffer of int8 rows in compressed sparse row form (row starts, column indices, float32 values) holding
/// only the non-zero values: LightGBM's dense row reader drops zeros too, so pushing these gives the same Dataset with
/// less work on LightGBM's side. Rows are converted in parallel.
/// </summary>
internal sealed class CsrBuffer
{
    public CsrBuffer(int maxRows, int width)
    {
        RowStarts = new int[maxRows + 1];

        Columns = new int[(long)maxRows * width];
        Values = new float[Columns.Length];
    }

    public int[] RowStarts { get; }

    public int[] Columns { get; }

    public float[] Values { get; }

    /// <summary>
    /// Converts <paramref name="rows"/> rows of <paramref name="width"/> bytes, the features from
    /// <paramref name="firstColumn"/> on; <c>RowStarts[rows]</c> is the value count.
    /// </summary>
    public void Fill(ReadOnlyMemory<byte> features, int rows, int width, int firstColumn = 0)
    {
        if (rows + 1 > RowStarts.Length || (long)rows * width > Columns.Length)
        {
            throw new ArgumentException($"{rows} rows x {width} do not fit the buffer");
        }

        var parts = rows >= 2048 ? Math.Min(Environment.ProcessorCount, 8) : 1;
        var per = (rows + parts - 1) / parts;

        // each part counts its rows' non-zero values into RowStarts[r + 1] ...
        Parallel.For(0, parts, p =>
        {
            var span = features.Span;
            for (var r = p * per; r < Math.Min(rows, (p + 1) * per); r++)
            {
                var row = span.Slice(r * width, width);
                RowStarts[r + 1] = width - System.MemoryExtensions.Count(row, (byte)0);
            }
        });

        // ... a prefix sum turns the counts into row starts ...
        RowStarts[0] = 0;
        for (var r = 1; r <= rows; r++)
        {
            RowStarts[r] += RowStarts[r - 1];
        }

        // ... and each part writes its rows' values from their starts
        Parallel.For(0, parts, p =>
        {
            var span = features.Span;
            var columns = Columns;
            var values = Values;
            for (var r = p * per; r < Math.Min(rows, (p + 1) * per); r++)
            {
                // Branch-free: every byte is written at the next slot, which only advances for a non-zero byte. The
                // loop stops at the row's last non-zero byte, so a zero never lands on the next row's first slot
                // (which another part may be writing).
                var row = span.Slice(r * width, width);
                var last = row.LastIndexOfAnyExcept((byte)0);
                var k = RowStarts[r];
                for (var c = 0; c <= last; c++)
                {
                    var b = row[c];
                    columns[k] = firstColumn + c;
                    values[k] = Int8Features.ToFloat32(b);
                    k += b != 0 ? 1 : 0;
                }
            }
        });
    }
}
