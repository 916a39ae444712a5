namespace NumeraiPipeline.Numerai.Data.Engines;

/// <summary>What a parquet leaf column holds, as far as the reader is concerned (physical type plus logical annotation).</summary>
internal enum ColumnKind
{
    /// <summary>Anything the reader cannot use as a number or a string (booleans, dates, decimals, binary, repeated).</summary>
    Other,
    String,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float,
    Double,
}
