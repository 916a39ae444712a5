namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// Rows of int8 features, row-major, one byte per value (<see cref="Int8Features.Missing"/> = missing), readable
/// chunk by chunk. The reads may be repeated and yield the rows in the same order.
/// </summary>
internal interface IRowSource
{
    /// <summary>Number of rows.</summary>
    int Rows { get; }

    /// <summary>Feature names in column order.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>
    /// True when the rows stay in memory between reads; false when every read decodes them again (then collecting
    /// garbage between passes returns the reader's transient memory).
    /// </summary>
    bool InMemory { get; }

    /// <summary>
    /// Yields consecutive chunks of whole rows. When <see cref="InMemory"/> is false a chunk's bytes are only valid
    /// until the next chunk is requested (the source may reuse its buffer).
    /// </summary>
    IEnumerable<RowChunk> ReadChunks(CancellationToken cancellationToken);

    /// <summary>
    /// Yields every row, possibly in column strips (chunks holding some of the features of their rows) so that the
    /// source holds at most about <paramref name="stripBytes"/> of encoded columns at once. The strips of any row come
    /// in ascending feature order, each row exactly once per feature; a source that keeps its rows yields whole rows.
    /// </summary>
    IEnumerable<RowChunk> ReadStrips(long stripBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Lets go of rows kept in memory once nothing reads them again (a training whose Dataset is built); a later
    /// read decodes the file again. Does nothing for a source that does not keep its rows.
    /// </summary>
    void ReleaseRows()
    {
    }

    /// <summary>The whole rows at these positions (ascending), row-major.</summary>
    byte[] ReadRows(IReadOnlyList<int> rows, CancellationToken cancellationToken);
}
