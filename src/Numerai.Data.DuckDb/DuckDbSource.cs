using System.Globalization;
using DuckDB.NET.Data;
using NumeraiPipeline.Numerai.Data.Engines;

namespace NumeraiPipeline.Numerai.Data.DuckDb;

/// <summary>
/// DuckDB's parquet reader: the schema from <c>DESCRIBE</c>, the key-value metadata from <c>parquet_kv_metadata</c>,
/// and each <see cref="Open"/> one streaming <c>SELECT</c> of the columns over the whole file (DuckDB keeps file order).
/// </summary>
internal sealed class DuckDbSource : IParquetSource
{
    private readonly DuckDBConnection _connection;
    private readonly Dictionary<string, ParquetColumn> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keyValues = new(StringComparer.Ordinal);

    private DuckDbSource(string path, DuckDBConnection connection)
    {
        Path = path;
        _connection = connection;
        var names = new List<string>();
        using (var describe = connection.CreateCommand())
        {
            describe.CommandText = $"DESCRIBE SELECT * FROM read_parquet({Literal(path)})";
            using var reader = describe.ExecuteReader();
            while (reader.Read())
            {
                var name = reader.GetString(0);
                var type = reader.GetString(1);
                names.Add(name);
                _columns.TryAdd(name, new ParquetColumn(name, names.Count - 1, Kind(type), type));
            }
        }

        TopLevelNames = names;
        using (var count = connection.CreateCommand())
        {
            count.CommandText = $"SELECT CAST(coalesce(sum(num_rows), 0) AS BIGINT) FROM parquet_file_metadata({Literal(path)})";
            RowCount = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        using (var kv = connection.CreateCommand())
        {
            kv.CommandText = $"SELECT decode(key), decode(value) FROM parquet_kv_metadata({Literal(path)})";
            using var reader = kv.ExecuteReader();
            while (reader.Read())
            {
                _keyValues.TryAdd(reader.GetString(0), reader.GetString(1));
            }
        }
    }

    public string Path { get; }

    public string EngineName => "DuckDB";

    public IReadOnlyList<string> TopLevelNames { get; }

    public IReadOnlyDictionary<string, ParquetColumn> Columns => _columns;

    public long RowCount { get; }

    public IReadOnlyList<long> RowGroupRows => RowCount == 0 ? [] : [RowCount];

    internal DuckDBConnection Connection => _connection;

    public static DuckDbSource Open(string path, int? threads)
    {
        if (!File.Exists(path))
        {
            throw new DataSchemaException(DataErrors.UnreadableFile, "parquet file", path, "the file does not exist");
        }

        var connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            connection.Open();
            if (threads is { } n)
            {
                using var set = connection.CreateCommand();
                set.CommandText = string.Create(CultureInfo.InvariantCulture, $"SET threads={n}");
                set.ExecuteNonQuery();
            }

            return new DuckDbSource(path, connection);
        }
        catch (DuckDBException ex)
        {
            connection.Dispose();
            throw new DataSchemaException(DataErrors.UnreadableFile, ex, "parquet file", path, DataSchemaException.Reason(ex.Message));
        }
    }

    public string? KeyValue(string key) => _keyValues.TryGetValue(key, out var value) ? value : null;

    /// <summary>DuckDB manages its own buffers: nothing to plan strips with.</summary>
    public long[] ChunkBytes(int rowGroup, IReadOnlyList<ParquetColumn> columns) => new long[columns.Count];

    public IColumnBatch Open(int rowGroup, IReadOnlyList<ParquetColumn> columns)
    {
        var sql = $"SELECT {string.Join(", ", columns.Select(c => Quote(c.Name)))} FROM read_parquet({Literal(Path)})";
        return new DuckDbColumnBatch(this, sql, columns);
    }

    public void Dispose() => _connection.Dispose();

    internal static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static ColumnKind Kind(string type) => type switch
    {
        "VARCHAR" => ColumnKind.String,
        "TINYINT" => ColumnKind.Int8,
        "UTINYINT" => ColumnKind.UInt8,
        "SMALLINT" => ColumnKind.Int16,
        "USMALLINT" => ColumnKind.UInt16,
        "INTEGER" => ColumnKind.Int32,
        "UINTEGER" => ColumnKind.UInt32,
        "BIGINT" => ColumnKind.Int64,
        "UBIGINT" => ColumnKind.UInt64,
        "FLOAT" => ColumnKind.Float,
        "DOUBLE" => ColumnKind.Double,
        _ => ColumnKind.Other,
    };
}
