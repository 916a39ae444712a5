namespace NumeraiPipeline.Numerai.Data;

/// <summary>What <see cref="NumeraiParquetReader.ReadBlocks"/> reads and which rows it keeps.</summary>
public sealed class ReadSpec
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
    /// Largest number of rows in one block; a larger row group is split into several blocks (each re-decodes the
    /// row group's columns, so keep it a divisor-friendly size). Null gives one block per row group.
    /// </summary>
    public int? MaxRowsPerBlock { get; init; }

    /// <summary>
    /// Feature columns decoded at the same time (each on its own file handle). Null uses up to 4, at most the
    /// number of processors; 1 decodes on the calling thread only. Results are identical either way.
    /// </summary>
    public int? DecodeThreads { get; init; }

    /// <summary>
    /// Reuse one feature array for consecutive blocks of the same size: a block's <see cref="DataBlock.Features"/> is
    /// then only valid until the next block is read. For consumers that handle each block before asking for the next
    /// (streaming into a model): no new array per row group, so a row group's bytes are never resident twice.
    /// </summary>
    public bool ReuseFeatureBuffer { get; init; }
}
