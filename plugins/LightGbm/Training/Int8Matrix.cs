namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>An in-memory int8 matrix (row-major bytes) as a row source.</summary>
internal sealed class Int8Matrix : IRowSource
{
    private readonly int chunkRows;
    private readonly int? stripWidth;

    /// <param name="features">Row-major bytes.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="featureNames">Feature names (the width).</param>
    /// <param name="chunkRows">Rows per chunk.</param>
    /// <param name="stripWidth">
    /// When set, the matrix behaves as a streamed source (<see cref="InMemory"/> false) whose <see cref="ReadStrips"/>
    /// yields strips of this many features, as a parquet row group read in strips (tests of the strip path).
    /// </param>
    public Int8Matrix(byte[] features, int rows, IReadOnlyList<string> featureNames, int chunkRows = 16384, int? stripWidth = null)
    {
        if ((long)rows * featureNames.Count != features.LongLength)
        {
            throw new ArgumentException($"{features.LongLength} bytes are not {rows} rows x {featureNames.Count} features", nameof(features));
        }

        Features = features;
        Rows = rows;
        FeatureNames = featureNames;
        this.chunkRows = Math.Max(1, chunkRows);
        this.stripWidth = stripWidth;
    }

    public byte[] Features { get; }

    public int Rows { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    public bool InMemory => stripWidth is null;

    public IEnumerable<RowChunk> ReadChunks(CancellationToken cancellationToken)
    {
        var width = FeatureNames.Count;
        for (var start = 0; start < Rows; start += chunkRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = Math.Min(chunkRows, Rows - start);
            yield return new RowChunk(Features.AsMemory(start * width, n * width), n, start, 0, width);
        }
    }

    public IEnumerable<RowChunk> ReadStrips(long stripBytes, CancellationToken cancellationToken)
    {
        if (stripWidth is not { } strip)
        {
            foreach (var chunk in ReadChunks(cancellationToken))
            {
                yield return chunk;
            }

            yield break;
        }

        // as a parquet row group read in strips: all chunks of one strip, then the next strip
        var width = FeatureNames.Count;
        for (var offset = 0; offset < width; offset += strip)
        {
            var w = Math.Min(strip, width - offset);
            for (var start = 0; start < Rows; start += chunkRows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = Math.Min(chunkRows, Rows - start);
                var bytes = new byte[n * w];
                for (var r = 0; r < n; r++)
                {
                    Features.AsSpan(((start + r) * width) + offset, w).CopyTo(bytes.AsSpan(r * w, w));
                }

                yield return new RowChunk(bytes, n, start, offset, w);
            }
        }
    }

    public byte[] ReadRows(IReadOnlyList<int> rows, CancellationToken cancellationToken)
    {
        var width = FeatureNames.Count;
        var result = new byte[(long)rows.Count * width];
        for (var k = 0; k < rows.Count; k++)
        {
            Features.AsSpan(rows[k] * width, width).CopyTo(result.AsSpan(k * width, width));
        }

        return result;
    }
}
