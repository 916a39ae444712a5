namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>An in-memory int8 matrix (row-major bytes) as a row source.</summary>
internal sealed class Int8Matrix : IRowSource
{
    private readonly int chunkRows;

    public Int8Matrix(byte[] features, int rows, IReadOnlyList<string> featureNames, int chunkRows = 16384)
    {
        if ((long)rows * featureNames.Count != features.LongLength)
        {
            throw new ArgumentException($"{features.LongLength} bytes are not {rows} rows x {featureNames.Count} features", nameof(features));
        }

        Features = features;
        Rows = rows;
        FeatureNames = featureNames;
        this.chunkRows = Math.Max(1, chunkRows);
    }

    public byte[] Features { get; }

    public int Rows { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    public bool InMemory => true;

    public IEnumerable<RowChunk> ReadChunks(CancellationToken cancellationToken)
    {
        var width = FeatureNames.Count;
        for (var start = 0; start < Rows; start += chunkRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = Math.Min(chunkRows, Rows - start);
            yield return new RowChunk(Features.AsMemory(start * width, n * width), n);
        }
    }
}
