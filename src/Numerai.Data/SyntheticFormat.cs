namespace NumeraiPipeline.Numerai.Data;

/// <summary>How <see cref="SyntheticDataset"/> lays out its data files (train, validation, live).</summary>
public enum SyntheticFormat
{
    /// <summary>
    /// Parquet.Net's writer: plain-encoded nullable INT32/INT(8) features, snappy, format 1.0, one page per column
    /// chunk; a row group holds whole eras, at most <see cref="SyntheticDatasetOptions.RowGroupRows"/> rows.
    /// </summary>
    ParquetNet,

    /// <summary>
    /// What pyarrow writes from pandas, through Arrow C++'s own writer (ParquetSharp): dictionary-encoded nullable
    /// int8 features (INT32/INT(8)), snappy, format 2.6, 20 000-row pages (pyarrow 22 and later), the
    /// <c>ARROW:schema</c> and full <c>pandas</c> metadata with <c>id</c> as the index; row groups of exactly
    /// <see cref="SyntheticDatasetOptions.RowGroupRows"/> rows (eras may span two), as pyarrow cuts them.
    /// </summary>
    Pyarrow,
}
