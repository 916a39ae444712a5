namespace NumeraiPipeline.Numerai.Data;

/// <summary>
/// A slice of rows read from a Numerai parquet file. Features are one byte per value, row-major
/// (<c>Features[row * FeatureCount + feature]</c>), in the order of <see cref="ReadSpec.Features"/>;
/// a missing (null) feature value is <see cref="MissingFeature"/> (255). A block read with
/// <see cref="ReadSpec.FeatureStripBytes"/> may hold only the features <see cref="FeatureOffset"/> ..
/// <see cref="FeatureOffset"/> + <see cref="FeatureCount"/> - 1 of its rows.
/// </summary>
public sealed class DataBlock
{
    /// <summary>The byte that stands for a missing feature value.</summary>
    public const byte MissingFeature = 255;

    /// <summary>Creates a block.</summary>
    public DataBlock(int rowCount, int featureCount, byte[] features, string[] ids, string[] eras, float[]? target,
        IReadOnlyDictionary<string, float[]> extras, long firstRow = 0, int featureOffset = 0)
    {
        FirstRow = firstRow;
        FeatureOffset = featureOffset;
        RowCount = rowCount;
        FeatureCount = featureCount;
        Features = features;
        Ids = ids;
        Eras = eras;
        Target = target;
        Extras = extras;
    }

    /// <summary>Position of the block's first row among all rows the read keeps (0-based).</summary>
    public long FirstRow { get; }

    /// <summary>Index in <see cref="ReadSpec.Features"/> of the block's first feature (0 unless the read is in strips).</summary>
    public int FeatureOffset { get; }

    /// <summary>Rows in this block.</summary>
    public int RowCount { get; }

    /// <summary>Features per row in this block.</summary>
    public int FeatureCount { get; }

    /// <summary>Row-major feature values (RowCount x FeatureCount); 255 means missing.</summary>
    public byte[] Features { get; }

    /// <summary>Row ids, or an empty array when <see cref="ReadSpec.IncludeIds"/> is false.</summary>
    public string[] Ids { get; }

    /// <summary>Row eras (strings such as <c>0001</c>; <c>X</c> in live); an empty array when the file has no era column.</summary>
    public string[] Eras { get; }

    /// <summary>The target values (NaN where missing), or null when the spec names no target.</summary>
    public float[]? Target { get; }

    /// <summary>The <see cref="ReadSpec.ExtraFloatColumns"/> by name (NaN where missing).</summary>
    public IReadOnlyDictionary<string, float[]> Extras { get; }

    /// <summary>The feature value at (row, feature).</summary>
    public byte GetFeature(int row, int feature) => Features[(row * FeatureCount) + feature];

    /// <summary>The features of one row.</summary>
    public ReadOnlySpan<byte> GetRow(int row) => Features.AsSpan(row * FeatureCount, FeatureCount);
}
