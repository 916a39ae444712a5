using System.Globalization;
using ParquetSharp;
using ParquetSharp.Schema;

namespace NumeraiPipeline.Numerai.Data.Engines;

/// <summary>
/// Apache Arrow's C++ parquet reader (the engine pyarrow uses) through ParquetSharp, with Arrow's buffered stream: a
/// column reader reads its chunk page by page through a <see cref="BufferSize"/> buffer, so it holds one page
/// (decompressed) plus the buffer, never its whole chunk. (Without the buffered stream Arrow reads the whole column
/// chunk when the reader opens: reading whole rows of a 1 048 576-row group at 2 748 columns then held about 1 GB of
/// encoded chunks, and of a one-page file the chunk and its decompressed page, about 2 GB.)
/// </summary>
internal sealed class ArrowSource : IParquetSource
{
    /// <summary>The read buffer of one column reader (Arrow's default); pages larger than it are read whole.</summary>
    public const long BufferSize = 16 << 10;

    private readonly ParquetFileReader _file;
    private readonly Dictionary<string, ParquetColumn> _columns = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _keyValues;

    private ArrowSource(string path, ParquetFileReader file)
    {
        Path = path;
        _file = file;
        var metadata = file.FileMetaData;
        var schema = metadata.Schema;
        TopLevelNames = schema.GroupNode.Fields.Select(f => f.Name).ToArray();
        for (var i = 0; i < schema.NumColumns; i++)
        {
            var descriptor = schema.Column(i);
            using var root = schema.ColumnRoot(i);
            if (root.NodeType != NodeType.Primitive)
            {
                continue; // a leaf of a nested field: not a top-level column
            }

            var (kind, typeName) = Describe(descriptor);
            _columns.TryAdd(descriptor.Name, new ParquetColumn(descriptor.Name, i, kind, typeName));
        }

        RowCount = metadata.NumRows;
        var rows = new long[metadata.NumRowGroups];
        for (var g = 0; g < rows.Length; g++)
        {
            using var rowGroup = file.RowGroup(g);
            rows[g] = rowGroup.MetaData.NumRows;
        }

        RowGroupRows = rows;
        _keyValues = metadata.KeyValueMetadata;
    }

    public string Path { get; }

    public string EngineName => "ParquetSharp (Arrow C++)";

    public IReadOnlyList<string> TopLevelNames { get; }

    public IReadOnlyDictionary<string, ParquetColumn> Columns => _columns;

    public long RowCount { get; }

    public IReadOnlyList<long> RowGroupRows { get; }

    /// <exception cref="DataSchemaException">NP6601 when the file is missing or not parquet.</exception>
    public static ArrowSource Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataSchemaException(DataErrors.UnreadableFile, "parquet file", path, "the file does not exist");
        }

        ParquetFileReader? file = null;
        try
        {
            // the system allocator, not Arrow's default jemalloc pool: jemalloc keeps the pages it decoded (about
            // 250 MiB at 200k x 700) after the reader frees them, on top of LightGBM's Dataset at the stage's peak
            using var properties = ReaderProperties.WithMemoryPool(MemoryPool.SystemMemoryPool());
            properties.EnableBufferedStream();
            properties.BufferSize = BufferSize;
            file = new ParquetFileReader(path, properties);
            return new ArrowSource(path, file);
        }
        catch (Exception ex) when (ex is ParquetException or IOException or UnauthorizedAccessException)
        {
            file?.Dispose();
            throw new DataSchemaException(DataErrors.UnreadableFile, ex, "parquet file", path, FirstLine(ex.Message));
        }
    }

    public string? KeyValue(string key) => _keyValues.TryGetValue(key, out var value) ? value : null;

    public long[] ChunkBytes(int rowGroup, IReadOnlyList<ParquetColumn> columns)
    {
        using var reader = _file.RowGroup(rowGroup);
        var metadata = reader.MetaData;
        var result = new long[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            // what an open reader may hold: the buffer plus one decompressed page, at most the chunk's uncompressed
            // size (the footer does not say how the chunk is paged; a one-page chunk holds all of it)
            using var chunk = metadata.GetColumnChunkMetaData(columns[i].Index);
            result[i] = chunk.TotalUncompressedSize + BufferSize;
        }

        return result;
    }

    public IColumnBatch Open(int rowGroup, IReadOnlyList<ParquetColumn> columns) => new ArrowColumnBatch(_file.RowGroup(rowGroup), rowGroup, columns, Path);

    public void Dispose() => _file.Dispose();

    internal static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.TrimEnd('.');
    }

    private static (ColumnKind Kind, string TypeName) Describe(ColumnDescriptor column)
    {
        using var logical = column.LogicalType;
        var physical = column.PhysicalType;
        var typeName = logical.Type is LogicalTypeEnum.None or LogicalTypeEnum.Undefined
            ? physical.ToString().ToUpperInvariant()
            : string.Create(CultureInfo.InvariantCulture, $"{physical.ToString().ToUpperInvariant()} {logical}");
        if (column.MaxRepetitionLevel > 0)
        {
            return (ColumnKind.Other, typeName + " (repeated)");
        }

        var kind = (physical, logical) switch
        {
            (PhysicalType.ByteArray, { Type: LogicalTypeEnum.String }) => ColumnKind.String,
            (PhysicalType.Int32, { Type: LogicalTypeEnum.None or LogicalTypeEnum.Undefined }) => ColumnKind.Int32,
            (PhysicalType.Int32, IntLogicalType i) => (i.BitWidth, i.IsSigned) switch
            {
                (8, true) => ColumnKind.Int8,
                (8, false) => ColumnKind.UInt8,
                (16, true) => ColumnKind.Int16,
                (16, false) => ColumnKind.UInt16,
                (32, false) => ColumnKind.UInt32,
                _ => ColumnKind.Int32,
            },
            (PhysicalType.Int64, { Type: LogicalTypeEnum.None or LogicalTypeEnum.Undefined }) => ColumnKind.Int64,
            (PhysicalType.Int64, IntLogicalType i) => i.IsSigned ? ColumnKind.Int64 : ColumnKind.UInt64,
            (PhysicalType.Float, { Type: LogicalTypeEnum.None or LogicalTypeEnum.Undefined }) => ColumnKind.Float,
            (PhysicalType.Double, { Type: LogicalTypeEnum.None or LogicalTypeEnum.Undefined }) => ColumnKind.Double,
            _ => ColumnKind.Other,
        };
        return (kind, typeName);
    }
}
