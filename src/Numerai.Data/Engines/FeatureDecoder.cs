using System.Buffers;
using System.Runtime.ExceptionServices;

namespace NumeraiPipeline.Numerai.Data.Engines;

/// <summary>
/// Decodes a window of rows of some feature columns and writes the kept rows into a row-major block. The columns are
/// split into contiguous parts, one per worker; each worker decodes 32 columns at a time into column buffers and copies
/// them into the block row by row, so each block row is written as runs of 32 bytes instead of one byte per cache line.
/// </summary>
internal static class FeatureDecoder
{
    private const int Tile = 32;

    /// <param name="batch">Readers over the columns (all advance by <paramref name="rows"/>).</param>
    /// <param name="columns">Number of columns in <paramref name="batch"/> (the block's width).</param>
    /// <param name="rows">Rows to read from each column.</param>
    /// <param name="kept">Positions (within the window) of the rows the block holds, ascending.</param>
    /// <param name="block">The block: <c>kept.Length x columns</c> bytes.</param>
    /// <param name="threads">Workers.</param>
    public static void Decode(IColumnBatch batch, int columns, int rows, ReadOnlySpan<int> kept, byte[] block, int threads, CancellationToken ct)
    {
        var workers = batch.ConcurrentColumns ? Math.Clamp(Math.Min(threads, columns / Tile), 1, 64) : 1;
        var keptRows = kept.ToArray();
        if (workers == 1)
        {
            DecodePart(batch, 0, columns, columns, rows, keptRows, block, ct);
            return;
        }

        var per = (columns + workers - 1) / workers;
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, w =>
            {
                var first = w * per;
                DecodePart(batch, first, Math.Min(columns, first + per), columns, rows, keptRows, block, ct);
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }
    }

    private static void DecodePart(IColumnBatch batch, int first, int end, int width, int rows, int[] kept, byte[] block, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Tile * rows);
        try
        {
            for (var j0 = first; j0 < end; j0 += Tile)
            {
                ct.ThrowIfCancellationRequested();
                var tile = Math.Min(Tile, end - j0);
                for (var t = 0; t < tile; t++)
                {
                    batch.ReadFeature(j0 + t, buffer.AsSpan(t * rows, rows));
                }

                if (kept.Length == rows)
                {
                    for (var r = 0; r < rows; r++)
                    {
                        var offset = ((long)r * width) + j0;
                        for (var t = 0; t < tile; t++)
                        {
                            block[offset + t] = buffer[(t * rows) + r];
                        }
                    }
                }
                else
                {
                    for (var k = 0; k < kept.Length; k++)
                    {
                        var source = kept[k];
                        var offset = ((long)k * width) + j0;
                        for (var t = 0; t < tile; t++)
                        {
                            block[offset + t] = buffer[(t * rows) + source];
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
