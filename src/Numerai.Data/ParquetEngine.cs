namespace NumeraiPipeline.Numerai.Data;

/// <summary>The parquet library behind a <see cref="NumeraiParquetReader"/>. Every engine reads the same values, bit for bit.</summary>
public enum ParquetEngine
{
    /// <summary>
    /// Apache Arrow's C++ reader through ParquetSharp (the engine pyarrow uses): the default, chosen by measurement
    /// (bench/Scale.Bench) for the big feature scans.
    /// </summary>
    Arrow,

    /// <summary>Parquet.Net, fully managed; decodes a column chunk whole.</summary>
    ParquetNet,
}
