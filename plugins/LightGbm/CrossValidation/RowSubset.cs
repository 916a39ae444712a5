using NumeraiPipeline.Plugins.LightGbm.Training;

namespace NumeraiPipeline.Plugins.LightGbm.CrossValidation;

/// <summary>
/// Some rows of another source (ascending positions), as a source of their own: a fold's training or test rows.
/// LightGBM sees exactly what a file holding only these rows would give it (same order, same bin sample positions),
/// so a fold's model equals the model lightgbm.train builds from such a file.
/// </summary>
internal sealed class RowSubset : IRowSource
{
    private readonly IRowSource inner;
    private readonly int[] rows;

    /// <param name="inner">The whole source.</param>
    /// <param name="rows">Positions in <paramref name="inner"/>, ascending, distinct.</param>
    public RowSubset(IRowSource inner, int[] rows)
    {
        for (var i = 1; i < rows.Length; i++)
        {
            if (rows[i] <= rows[i - 1])
            {
                throw new ArgumentException("row positions must be ascending and distinct", nameof(rows));
            }
        }

        this.inner = inner;
        this.rows = rows;
    }

    public int Rows => rows.Length;

    public IReadOnlyList<string> FeatureNames => inner.FeatureNames;

    public bool InMemory => inner.InMemory;

    public IEnumerable<RowChunk> ReadChunks(CancellationToken cancellationToken)
    {
        var width = FeatureNames.Count;
        var next = 0;
        foreach (var chunk in inner.ReadChunks(cancellationToken))
        {
            if (next >= rows.Length)
            {
                yield break;
            }

            var end = chunk.FirstRow + chunk.Rows;
            var first = next;
            while (next < rows.Length && rows[next] < end)
            {
                next++;
            }

            var count = next - first;
            if (count == 0)
            {
                continue;
            }

            // a fresh array a chunk: a kept source promises chunks that stay valid
            var bytes = new byte[(long)count * width];
            var source = chunk.Features.Span;
            for (var i = 0; i < count; i++)
            {
                var at = (int)(rows[first + i] - chunk.FirstRow);
                source.Slice(at * width, width).CopyTo(bytes.AsSpan(i * width, width));
            }

            yield return new RowChunk(bytes, count, first, 0, width);
        }
    }

    /// <summary>Whole rows: a subset is built from whole-row chunks of its source.</summary>
    public IEnumerable<RowChunk> ReadStrips(long stripBytes, CancellationToken cancellationToken) => ReadChunks(cancellationToken);

    public byte[] ReadRows(IReadOnlyList<int> positions, CancellationToken cancellationToken) =>
        inner.ReadRows(positions.Select(p => rows[p]).ToArray(), cancellationToken);
}
