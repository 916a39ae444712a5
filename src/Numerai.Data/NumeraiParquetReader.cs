using System.Text.Json;
using NumeraiPipeline.Numerai.Data.Engines;

namespace NumeraiPipeline.Numerai.Data;

/// <summary>
/// Reads Numerai parquet files (train/validation/live, meta model, benchmark models) into compact
/// <see cref="DataBlock"/>s: one byte per feature value. Feature columns are read page by page in windows of rows, so
/// memory follows the block size, not the row group size. Not thread-safe; dispose after use.
/// </summary>
public sealed class NumeraiParquetReader : IDisposable
{
    /// <summary>The era column name.</summary>
    public const string EraColumn = "era";

    /// <summary>The data type column name.</summary>
    public const string DataTypeColumn = "data_type";

    /// <summary>Default bound of one block's feature bytes.</summary>
    private const long BlockBytes = 32L << 20;

    private readonly IParquetSource _source;

    private NumeraiParquetReader(IParquetSource source)
    {
        _source = source;
        IdColumn = FindIdColumn(source);
    }

    /// <summary>The file read.</summary>
    public string Path => _source.Path;

    /// <summary>The parquet library that reads (e.g. <c>ParquetSharp (Arrow C++)</c>).</summary>
    public string EngineName => _source.EngineName;

    /// <summary>Top-level column names in file order.</summary>
    public IReadOnlyList<string> Columns => _source.TopLevelNames;

    /// <summary>Total rows.</summary>
    public long RowCount => _source.RowCount;

    /// <summary>Number of row groups.</summary>
    public int RowGroupCount => _source.RowGroupRows.Count;

    /// <summary>The id column: <c>id</c>, or the string column pandas metadata names as index; null when absent.</summary>
    public string? IdColumn { get; }

    /// <summary>Opens a parquet file with the default engine (<see cref="ParquetEngine.Arrow"/>).</summary>
    /// <exception cref="DataSchemaException">NP6601 when the file is missing or not parquet.</exception>
    public static NumeraiParquetReader Open(string path) => Open(path, ParquetEngine.Arrow);

    /// <summary>Opens a parquet file with the given engine.</summary>
    /// <exception cref="DataSchemaException">NP6601 when the file is missing or not parquet.</exception>
    public static NumeraiParquetReader Open(string path, ParquetEngine engine) => new(engine switch
    {
        ParquetEngine.ParquetNet => ParquetNetSource.Open(path),
        _ => ArrowSource.Open(path),
    });

    /// <summary>A reader over another engine's source (DuckDB lives in its own assembly).</summary>
    internal static NumeraiParquetReader Open(IParquetSource source) => new(source);

    /// <summary>Whether the file has a top-level column of this name.</summary>
    public bool HasColumn(string name) => _source.Columns.ContainsKey(name);

    /// <summary>Number of rows in a row group.</summary>
    public long GetRowGroupRowCount(int index) => _source.RowGroupRows[index];

    /// <summary>The distinct eras of the file in ordinal (= numeric, zero-padded) order.</summary>
    /// <exception cref="DataSchemaException">NP6602 when there is no era column.</exception>
    public IReadOnlyList<string> ReadDistinctEras(CancellationToken cancellationToken = default)
    {
        var column = Require(EraColumn);
        var eras = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var values in ReadWhole(column, (batch, rows) =>
                 {
                     var v = new string[rows];
                     batch.ReadStrings(0, v);
                     return v;
                 }, cancellationToken))
        {
            eras.UnionWith(values);
        }

        return eras.ToArray();
    }

    /// <summary>Reads a whole string column (e.g. <c>id</c>, <c>era</c>); null values become empty strings.</summary>
    /// <exception cref="DataSchemaException">NP6602 when the column is missing, NP6604 when it is not a string column.</exception>
    public string[] ReadStringColumn(string column, CancellationToken cancellationToken = default)
    {
        var info = Require(column);
        if (!info.IsString)
        {
            throw new DataSchemaException(DataErrors.BadColumn, column, Path, $"has type {info.TypeName}, where a text column is expected");
        }

        return ReadWhole(info, (batch, rows) =>
        {
            var v = new string[rows];
            batch.ReadStrings(0, v);
            return v;
        }, cancellationToken).SelectMany(v => v).ToArray();
    }

    /// <summary>Reads a whole numeric column as doubles (NaN for null), at full precision for double columns.</summary>
    /// <exception cref="DataSchemaException">NP6602 when the column is missing, NP6604 when it is not numeric.</exception>
    public double[] ReadNumberColumn(string column, CancellationToken cancellationToken = default)
    {
        var info = Require(column);
        if (!info.IsNumeric)
        {
            throw new DataSchemaException(DataErrors.BadColumn, column, Path, $"has type {info.TypeName}, where a numeric column is expected");
        }

        return ReadWhole(info, (batch, rows) =>
        {
            var v = new double[rows];
            batch.ReadDoubles(0, v);
            return v;
        }, cancellationToken).SelectMany(v => v).ToArray();
    }

    /// <summary>
    /// Reads the columns the spec names in blocks of kept rows (at most <see cref="ReadSpec.MaxRowsPerBlock"/>, by
    /// default 32 MiB of features; never across row groups). Row groups with no kept row yield nothing.
    /// </summary>
    /// <exception cref="DataSchemaException">NP6602 when a named column is missing (all missing names are listed);
    /// NP6604 when a column has an unusable type or value; NP6601 when the file's data cannot be decoded.</exception>
    public IEnumerable<DataBlock> ReadBlocks(ReadSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        return ReadBlocksCore(spec, cancellationToken);
    }

    /// <summary>Checks, without reading rows, that <paramref name="spec"/> can be read from this file (as <see cref="ReadBlocks"/> does first).</summary>
    /// <exception cref="DataSchemaException">NP6602 when a named column is missing (all missing names are listed, with
    /// did-you-mean); NP6604 when a column has an unusable type; NP6606 when the spec itself is invalid.</exception>
    public void Check(ReadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
    }

    /// <summary>Reads all kept rows into one block (convenient for small files; large files should stream blocks).</summary>
    public DataBlock ReadAll(ReadSpec spec, CancellationToken cancellationToken = default) =>
        DataBlocks.Concat(ReadBlocks(spec with { FeatureStripBytes = null }, cancellationToken).ToList(), spec);

    /// <summary>
    /// Reads the features of some of the kept rows (positions among the rows <paramref name="spec"/> keeps, ascending)
    /// into one block, column chunk by column chunk: memory holds one decoded column per thread, whatever the layout.
    /// For a sample of rows spread over the file (a LightGBM bin sample). The block has features only.
    /// </summary>
    /// <exception cref="ArgumentException">When the positions are not ascending or beyond the kept rows.</exception>
    public DataBlock ReadRows(ReadSpec spec, IReadOnlyList<long> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rows);
        Validate(spec);
        for (var i = 1; i < rows.Count; i++)
        {
            if (rows[i] <= rows[i - 1])
            {
                throw new ArgumentException("row positions must be ascending and distinct", nameof(rows));
            }
        }

        var features = spec.Features.Select(f => _source.Columns[f]).ToArray();
        var width = features.Length;
        var result = new byte[(long)rows.Count * width];
        var selectionSpec = spec with { IncludeIds = false, ExtraFloatColumns = [] };
        var keptEras = KeptEras(spec, cancellationToken);
        var interned = new Dictionary<string, string>(StringComparer.Ordinal);
        var threads = Threads(spec);
        long firstRow = 0;
        var next = 0;
        for (var g = 0; g < RowGroupCount && next < rows.Count; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var groupRows = checked((int)_source.RowGroupRows[g]);
            if (groupRows == 0)
            {
                continue;
            }

            var selection = RowGroupSelection.Read(_source, g, groupRows, selectionSpec, keptEras, null, interned);
            var from = next;
            while (next < rows.Count && rows[next] < firstRow + selection.Selected.Length)
            {
                next++;
            }

            if (next > from && width > 0)
            {
                var positions = new int[next - from];
                for (var k = 0; k < positions.Length; k++)
                {
                    positions[k] = selection.Selected[rows[from + k] - firstRow];
                }

                ReadColumnsAt(g, groupRows, features, positions, result, from, threads, cancellationToken);
            }

            firstRow += selection.Selected.Length;
        }

        if (next != rows.Count)
        {
            throw new ArgumentException($"row position {rows[next]} is beyond the {firstRow} rows the read keeps", nameof(rows));
        }

        return new DataBlock(rows.Count, width, result, [], [], null, new Dictionary<string, float[]>(StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();

    private static int Threads(ReadSpec spec) => Math.Max(1, spec.DecodeThreads ?? Math.Min(Environment.ProcessorCount, 4));

    private IEnumerable<DataBlock> ReadBlocksCore(ReadSpec spec, CancellationToken ct)
    {
        var features = spec.Features.Select(f => _source.Columns[f]).ToArray();
        var keptEras = KeptEras(spec, ct);
        var interned = new Dictionary<string, string>(StringComparer.Ordinal);
        var threads = Threads(spec);
        byte[]? reusable = null;
        long firstRow = 0;
        for (var g = 0; g < RowGroupCount; g++)
        {
            ct.ThrowIfCancellationRequested();
            var rows = checked((int)_source.RowGroupRows[g]);
            if (rows == 0)
            {
                continue;
            }

            var selection = RowGroupSelection.Read(_source, g, rows, spec, keptEras, IdColumn, interned);
            var kept = selection.Selected;
            if (kept.Length == 0)
            {
                continue;
            }

            if (features.Length == 0)
            {
                var maxRows = spec.MaxRowsPerBlock is > 0 ? spec.MaxRowsPerBlock.Value : int.MaxValue;
                for (var start = 0; start < kept.Length; start += maxRows)
                {
                    var count = Math.Min(maxRows, kept.Length - start);
                    yield return Block(spec, selection, start, count, [], 0, firstRow, 0);
                }
            }
            else
            {
                foreach (var (offset, width) in Strips(g, features, spec.FeatureStripBytes))
                {
                    var stripColumns = features.AsSpan(offset, width).ToArray();
                    var windowRows = spec.MaxRowsPerBlock is > 0 ? spec.MaxRowsPerBlock.Value : (int)Math.Max(1, BlockBytes / width);
                    using var batch = _source.Open(g, stripColumns);
                    var next = 0;
                    for (var start = 0; start < rows; start += windowRows)
                    {
                        ct.ThrowIfCancellationRequested();
                        var n = Math.Min(windowRows, rows - start);
                        var from = next;
                        while (next < kept.Length && kept[next] < start + n)
                        {
                            next++;
                        }

                        var count = next - from;
                        var positions = new int[count];
                        for (var k = 0; k < count; k++)
                        {
                            positions[k] = kept[from + k] - start;
                        }

                        var size = (long)count * width;
                        var block = reusable is not null && reusable.LongLength == size ? reusable : new byte[size];
                        if (spec.ReuseFeatureBuffer)
                        {
                            reusable = block;
                        }

                        // every window is decoded, kept rows or not: a column reader only moves forward
                        FeatureDecoder.Decode(batch, width, n, positions, block, threads, ct);
                        if (count > 0)
                        {
                            yield return Block(spec, selection, from, count, block, width, firstRow, offset);
                        }
                    }
                }
            }

            firstRow += kept.Length;
        }
    }

    private static DataBlock Block(ReadSpec spec, RowGroupSelection selection, int start, int count, byte[] features, int width, long firstRow, int featureOffset)
    {
        var extras = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var e = 0; e < spec.ExtraFloatColumns.Count; e++)
        {
            extras[spec.ExtraFloatColumns[e]] = RowGroupSelection.Slice(selection.Extras[e], start, count);
        }

        return new DataBlock(
            count,
            width,
            features,
            RowGroupSelection.Slice(selection.Ids, start, count),
            RowGroupSelection.Slice(selection.Eras, start, count),
            selection.Target is null ? null : RowGroupSelection.Slice(selection.Target, start, count),
            extras,
            firstRow + start,
            featureOffset);
    }

    /// <summary>The strips (first feature, width) of a row group: one strip unless a budget says otherwise.</summary>
    private List<(int Offset, int Width)> Strips(int rowGroup, ParquetColumn[] features, long? budget)
    {
        if (budget is not { } limit)
        {
            return [(0, features.Length)];
        }

        var bytes = _source.ChunkBytes(rowGroup, features);
        var strips = new List<(int, int)>();
        var start = 0;
        long held = 0;
        for (var j = 0; j < features.Length; j++)
        {
            if (j > start && held + bytes[j] > limit)
            {
                strips.Add((start, j - start));
                start = j;
                held = 0;
            }

            held += bytes[j];
        }

        strips.Add((start, features.Length - start));
        return strips;
    }

    /// <summary>Decodes whole column chunks of one row group (one column per worker at a time) and keeps the values at some positions.</summary>
    private void ReadColumnsAt(int rowGroup, int rows, ParquetColumn[] features, int[] positions, byte[] result, int firstResultRow, int threads, CancellationToken ct)
    {
        var width = features.Length;
        var workers = Math.Clamp(threads, 1, width);
        var nextColumn = -1;
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, _ =>
            {
                var values = new byte[rows];
                int j;
                while ((j = Interlocked.Increment(ref nextColumn)) < width)
                {
                    ct.ThrowIfCancellationRequested();
                    using (var batch = _source.Open(rowGroup, [features[j]]))
                    {
                        batch.ReadFeature(0, values);
                    }

                    for (var k = 0; k < positions.Length; k++)
                    {
                        result[((long)(firstResultRow + k) * width) + j] = values[positions[k]];
                    }
                }
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }
    }

    private IEnumerable<T[]> ReadWhole<T>(ParquetColumn column, Func<IColumnBatch, int, T[]> read, CancellationToken ct)
    {
        for (var g = 0; g < RowGroupCount; g++)
        {
            ct.ThrowIfCancellationRequested();
            var rows = checked((int)_source.RowGroupRows[g]);
            using var batch = _source.Open(g, [column]);
            yield return read(batch, rows);
        }
    }

    private HashSet<string>? KeptEras(ReadSpec spec, CancellationToken ct)
    {
        if (spec.EraStride <= 1)
        {
            return null;
        }

        var eras = ReadDistinctEras(ct);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < eras.Count; i += spec.EraStride)
        {
            kept.Add(eras[i]);
        }

        return kept;
    }

    private void Validate(ReadSpec spec)
    {
        if (spec.EraStride < 1)
        {
            throw new DataSchemaException(DataErrors.InvalidOptions, "read spec", $"EraStride must be 1 or more (got {spec.EraStride})");
        }

        if (spec.DropMissingTarget && spec.Target is null)
        {
            throw new DataSchemaException(DataErrors.InvalidOptions, "read spec", "DropMissingTarget needs a Target column; name the target or turn DropMissingTarget off");
        }

        var wanted = new List<string>(spec.Features);
        if (spec.Target is not null)
        {
            wanted.Add(spec.Target);
        }

        wanted.AddRange(spec.ExtraFloatColumns);
        if (spec.DataType is not null)
        {
            wanted.Add(DataTypeColumn);
        }

        if (spec.EraStride > 1)
        {
            wanted.Add(EraColumn);
        }

        var missing = wanted.Where(c => !_source.Columns.ContainsKey(c)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw MissingColumns(missing);
        }

        foreach (var name in spec.Features.Concat(spec.ExtraFloatColumns).Concat(spec.Target is null ? [] : [spec.Target]))
        {
            var column = _source.Columns[name];
            if (!column.IsNumeric)
            {
                throw new DataSchemaException(DataErrors.BadColumn, name, Path, $"has type {column.TypeName}, not a number");
            }
        }

        foreach (var name in new[] { DataTypeColumn, EraColumn })
        {
            if (_source.Columns.TryGetValue(name, out var column) && !column.IsString && wanted.Contains(name))
            {
                throw new DataSchemaException(DataErrors.BadColumn, name, Path, $"has type {column.TypeName}, where a text column is expected");
            }
        }
    }

    private ParquetColumn Require(string column) =>
        _source.Columns.TryGetValue(column, out var info) ? info : throw MissingColumns([column]);

    private DataSchemaException MissingColumns(IReadOnlyList<string> missing)
    {
        const int Shown = 10;
        var names = string.Join(", ", missing.Take(Shown).Select(m => $"'{m}'"));
        var more = missing.Count > Shown ? $" and {missing.Count - Shown} more" : string.Empty;
        var hints = missing.Take(Shown)
            .Select(m => (m, hint: NameSuggestions.Closest(m, _source.Columns.Keys)))
            .Where(x => x.hint is not null)
            .Select(x => $"'{x.hint}' for '{x.m}'")
            .ToList();
        var didYouMean = hints.Count == 0 ? string.Empty : $" Did you mean {string.Join(", ", hints)}?";
        return new DataSchemaException(DataErrors.MissingColumns, string.Empty, Path, $"{missing.Count} column(s) the read needs: {names}{more}",
            $"The file has {_source.Columns.Count} columns; check the feature set, target name and dataset version (features.json must match the data file).", didYouMean);
    }

    private static string? FindIdColumn(IParquetSource source)
    {
        if (source.Columns.TryGetValue("id", out var id) && id.IsString)
        {
            return "id";
        }

        if (source.KeyValue("pandas") is not { } pandas)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(pandas);
            if (doc.RootElement.TryGetProperty("index_columns", out var index) && index.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in index.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && item.GetString() is { } name
                        && source.Columns.TryGetValue(name, out var column) && column.IsString)
                    {
                        return name;
                    }
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }
}
