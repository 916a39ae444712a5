namespace NumeraiPipeline.Numerai.Data.Engines;

/// <summary>
/// One open parquet file behind <see cref="NumeraiParquetReader"/>: its schema and row groups, and sequential readers
/// over columns of one row group. Implemented per parquet library (Arrow C++ through ParquetSharp, Parquet.Net,
/// DuckDB), so the same reads can be compared and checked bit for bit.
/// </summary>
internal interface IParquetSource : IDisposable
{
    /// <summary>The file.</summary>
    string Path { get; }

    /// <summary>Which library reads (for messages and benchmarks).</summary>
    string EngineName { get; }

    /// <summary>Top-level field names in file order (nested fields included, by their top-level name).</summary>
    IReadOnlyList<string> TopLevelNames { get; }

    /// <summary>The top-level leaf columns by name (the first one of a duplicated name).</summary>
    IReadOnlyDictionary<string, ParquetColumn> Columns { get; }

    long RowCount { get; }

    /// <summary>Rows of each row group. A source that cannot address row groups presents the file as one.</summary>
    IReadOnlyList<long> RowGroupRows { get; }

    /// <summary>A key-value metadata entry of the file (e.g. <c>pandas</c>), or null.</summary>
    string? KeyValue(string key);

    /// <summary>
    /// Bytes a reader of each column chunk may hold at once (its encoded bytes plus a decoded page), from the footer;
    /// used to keep the columns that are open together under a memory budget.
    /// </summary>
    long[] ChunkBytes(int rowGroup, IReadOnlyList<ParquetColumn> columns);

    /// <summary>Opens sequential readers over the given columns of one row group.</summary>
    IColumnBatch Open(int rowGroup, IReadOnlyList<ParquetColumn> columns);
}
