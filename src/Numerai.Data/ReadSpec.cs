namespace NumeraiPipeline.Numerai.Data;

/// <summary>What <see cref="NumeraiParquetReader.ReadBlocks"/> reads and which rows it keeps.</summary>
public sealed record ReadSpec
{
    /// <summary>Feature columns, in the order they appear in each block row. May be empty (ids/eras/targets only).</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>The target column (e.g. <c>target</c>), or null to read none.</summary>
    public string? Target { get; init; }

    /// <summary>Further float columns to read (auxiliary targets, <c>numerai_meta_model</c>, a prediction column). Null values become NaN.</summary>
    public IReadOnlyList<string> ExtraFloatColumns { get; init; } = [];

    /// <summary>
    /// Keep every k-th era, starting with the first era in sorted order (Numerai's <c>eras.unique()[::k]</c>).
    /// 1 keeps all eras. The eras are read from the file first when k &gt; 1.
    /// </summary>
    public int EraStride { get; init; } = 1;

    /// <summary>Keep only rows whose <c>data_type</c> equals this (e.g. <c>validation</c>); null keeps all rows.</summary>
    public string? DataType { get; init; }

    /// <summary>Fill <see cref="DataBlock.Ids"/>. Default true.</summary>
    public bool IncludeIds { get; init; } = true;

    /// <summary>Drop rows whose target is missing (NaN or null). Needs <see cref="Target"/>.</summary>
    public bool DropMissingTarget { get; init; }

    /// <summary>
    /// Largest number of rows in one block. Null: as many rows as fit in 32 MiB of features (all rows of a row group
    /// when there are no features). A block never spans two row groups; the columns are read page by page, never a
    /// row group's features at once.
    /// </summary>
    public int? MaxRowsPerBlock { get; init; }

    /// <summary>
    /// Threads that decode feature columns at the same time. Null uses up to 4, at most the number of processors;
    /// 1 decodes on the calling thread only. Results are identical either way.
    /// </summary>
    public int? DecodeThreads { get; init; }

    /// <summary>
    /// When set, a row group's features are read in strips of contiguous features whose column readers together hold
    /// at most about this many bytes (encoded chunk plus a decoded page each, from the file's footer; at least one
    /// column per strip): <see cref="NumeraiParquetReader.ReadBlocks"/> then yields, per row group, all blocks of the
    /// first strip, then of the next, each block holding its strip's features only (<see cref="DataBlock.FeatureOffset"/>).
    /// For consumers that can take rows in column strips (building a LightGBM Dataset). Null: whole rows.
    /// </summary>
    public long? FeatureStripBytes { get; init; }

    /// <summary>
    /// Reuse one feature array for consecutive blocks of the same size: a block's <see cref="DataBlock.Features"/> is
    /// then only valid until the next block is read. For consumers that handle each block before asking for the next
    /// (streaming into a model): no new array per row group, so a row group's bytes are never resident twice.
    /// </summary>
    public bool ReuseFeatureBuffer { get; init; }
}
