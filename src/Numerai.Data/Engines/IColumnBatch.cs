namespace NumeraiPipeline.Numerai.Data.Engines;

/// <summary>
/// Sequential readers over some columns of one row group: each call reads the next <c>destination.Length</c> values of
/// column <c>i</c> (the index into the list given to <see cref="IParquetSource.Open"/>). Columns advance independently.
/// </summary>
internal interface IColumnBatch : IDisposable
{
    /// <summary>Whether different columns may be read from different threads at the same time.</summary>
    bool ConcurrentColumns { get; }

    /// <summary>Reads feature values as bytes: whole numbers 0..254, null or NaN as <see cref="DataBlock.MissingFeature"/>.</summary>
    /// <exception cref="DataSchemaException">NP6604 for a value outside 0..254 or not whole.</exception>
    void ReadFeature(int i, Span<byte> destination);

    /// <summary>Reads a numeric column as floats (NaN for null).</summary>
    void ReadFloats(int i, Span<float> destination);

    /// <summary>Reads a numeric column as doubles (NaN for null), at full precision for double columns.</summary>
    void ReadDoubles(int i, Span<double> destination);

    /// <summary>Reads a string column; null becomes the empty string.</summary>
    void ReadStrings(int i, Span<string> destination);
}
