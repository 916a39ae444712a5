namespace NumeraiPipeline.Numerai.Data.DuckDb;

/// <summary>Opens Numerai parquet files with DuckDB's parquet reader behind the usual <see cref="NumeraiParquetReader"/>.</summary>
public static class DuckDbReader
{
    /// <summary>
    /// Opens a parquet file read by DuckDB (<paramref name="threads"/> DuckDB threads; null: DuckDB's default). DuckDB
    /// streams the file in its own row order, so the reader presents the file as one row group.
    /// </summary>
    /// <exception cref="DataSchemaException">NP6601 when the file is missing or not parquet.</exception>
    public static NumeraiParquetReader Open(string path, int? threads = null) => NumeraiParquetReader.Open(DuckDbSource.Open(path, threads));
}
