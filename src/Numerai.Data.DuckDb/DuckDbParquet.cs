using System.Globalization;
using DuckDB.NET.Data;

namespace NumeraiPipeline.Numerai.Data.DuckDb;

/// <summary>Parquet files written by DuckDB's writer (used to make layouts the Arrow writer cannot).</summary>
public static class DuckDbParquet
{
    /// <summary>
    /// Rewrites a parquet file with DuckDB's writer: the same columns and key-value metadata, row groups of
    /// <paramref name="rowGroupRows"/> rows, snappy, dictionary encoding and one data page per column chunk (as pyarrow
    /// before version 22 writes int8 columns of up to about two million rows: its pages were bounded by 1 MiB only).
    /// </summary>
    public static void Rewrite(string source, string destination, long rowGroupRows)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var keyValues = new List<(string Key, string Value)>();
        using (var kv = connection.CreateCommand())
        {
            kv.CommandText = $"SELECT decode(key), decode(value) FROM parquet_kv_metadata({DuckDbSource.Literal(source)}) WHERE decode(key) <> 'ARROW:schema'";
            using var reader = kv.ExecuteReader();
            while (reader.Read())
            {
                keyValues.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var metadata = keyValues.Count == 0
            ? string.Empty
            : ", KV_METADATA {" + string.Join(", ", keyValues.Select(p => $"{DuckDbSource.Literal(p.Key)}: {DuckDbSource.Literal(p.Value)}")) + "}";
        using var set = connection.CreateCommand();
        set.CommandText = "SET threads=1; SET preserve_insertion_order=true";
        set.ExecuteNonQuery();
        using var copy = connection.CreateCommand();
        copy.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"COPY (SELECT * FROM read_parquet({DuckDbSource.Literal(source)})) TO {DuckDbSource.Literal(destination)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE {rowGroupRows}{metadata})");
        copy.ExecuteNonQuery();
    }
}
