namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// Rows of int8 features, row-major, one byte per value (<see cref="Int8Features.Missing"/> = missing), readable
/// chunk by chunk. <see cref="ReadChunks"/> may be called more than once and yields the rows in the same order.
/// </summary>
internal interface IRowSource
{
    /// <summary>Number of rows.</summary>
    int Rows { get; }

    /// <summary>Feature names in column order.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>
    /// True when the rows stay in memory between enumerations; false when every enumeration reads them again (then
    /// collecting garbage between passes returns the reader's transient memory).
    /// </summary>
    bool InMemory { get; }

    /// <summary>
    /// Yields consecutive chunks of rows; each chunk holds <c>rows x FeatureNames.Count</c> bytes. When
    /// <see cref="InMemory"/> is false a chunk's bytes are only valid until the next chunk is requested (the source
    /// may reuse its buffer).
    /// </summary>
    IEnumerable<RowChunk> ReadChunks(CancellationToken cancellationToken);
}
