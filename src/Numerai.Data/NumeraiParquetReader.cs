using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Numerai.Data;

/// <summary>
/// Reads Numerai parquet files (train/validation/live, meta model, benchmark models) row group by row group into
/// compact <see cref="DataBlock"/>s: one byte per feature value. Not thread-safe; dispose after use.
/// </summary>
public sealed class NumeraiParquetReader : IDisposable
{
    /// <summary>The era column name.</summary>
    public const string EraColumn = "era";

    /// <summary>The data type column name.</summary>
    public const string DataTypeColumn = "data_type";

    private readonly FileStream _stream;
    private readonly ParquetReader _reader;
    private readonly Dictionary<string, DataField> _fields;

    private NumeraiParquetReader(string path, FileStream stream, ParquetReader reader)
    {
        Path = path;
        _stream = stream;
        _reader = reader;
        _fields = new Dictionary<string, DataField>(StringComparer.Ordinal);
        foreach (var field in reader.Schema.Fields.OfType<DataField>())
        {
            _fields.TryAdd(field.Name, field);
        }

        Columns = reader.Schema.Fields.Select(f => f.Name).ToArray();
        RowCount = reader.Metadata?.NumRows ?? 0;
        IdColumn = FindIdColumn(reader, _fields);
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Top-level column names in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Total rows.</summary>
    public long RowCount { get; }

    /// <summary>Number of row groups.</summary>
    public int RowGroupCount => _reader.RowGroupCount;

    /// <summary>The id column: <c>id</c>, or the string column pandas metadata names as index; null when absent.</summary>
    public string? IdColumn { get; }

    /// <summary>Opens a parquet file.</summary>
    /// <exception cref="DataSchemaException">NP6601 when the file is missing or not parquet.</exception>
    public static NumeraiParquetReader Open(string path)
    {
        FileStream? stream = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var reader = ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true).GetAwaiter().GetResult();
            return new NumeraiParquetReader(path, stream, reader);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException
                                       or ParquetException or ArgumentException or NotSupportedException)
        {
            stream?.Dispose();
            throw new DataSchemaException(DataErrorCodes.UnreadableFile,
                $"Cannot open parquet file '{path}': {ex.Message}. Check the path and that the file is a complete parquet file (re-download it if it was cut short).", ex);
        }
    }

    /// <summary>Whether the file has a top-level column of this name.</summary>
    public bool HasColumn(string name) => _fields.ContainsKey(name);

    /// <summary>Number of rows in a row group.</summary>
    public long GetRowGroupRowCount(int index) => _reader.OpenRowGroupReader(index).RowCount;

    /// <summary>The distinct eras of the file in ordinal (= numeric, zero-padded) order.</summary>
    /// <exception cref="DataSchemaException">NP6602 when there is no era column.</exception>
    public IReadOnlyList<string> ReadDistinctEras(CancellationToken cancellationToken = default)
    {
        var field = Require(EraColumn);
        var eras = new SortedSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < _reader.RowGroupCount; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rowGroup = _reader.OpenRowGroupReader(g);
            foreach (var era in ColumnReads.ReadStrings(rowGroup, field, checked((int)rowGroup.RowCount), cancellationToken))
            {
                eras.Add(era);
            }
        }

        return eras.ToArray();
    }

    /// <summary>Reads a whole string column (e.g. <c>id</c>, <c>era</c>); null values become empty strings.</summary>
    /// <exception cref="DataSchemaException">NP6602 when the column is missing, NP6604 when it is not a string column.</exception>
    public string[] ReadStringColumn(string column, CancellationToken cancellationToken = default)
    {
        var field = Require(column);
        if (!ColumnReads.IsString(field.ClrType))
        {
            throw new DataSchemaException(DataErrorCodes.BadColumn, $"Column '{column}' in '{Path}' has type {field.ClrType.Name}; a string column is expected.");
        }

        var result = new List<string>((int)Math.Min(RowCount, int.MaxValue));
        for (var g = 0; g < _reader.RowGroupCount; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rowGroup = _reader.OpenRowGroupReader(g);
            result.AddRange(ColumnReads.ReadStrings(rowGroup, field, checked((int)rowGroup.RowCount), cancellationToken));
        }

        return result.ToArray();
    }

    /// <summary>Reads a whole numeric column as doubles (NaN for null), at full precision for double columns.</summary>
    /// <exception cref="DataSchemaException">NP6602 when the column is missing, NP6604 when it is not numeric.</exception>
    public double[] ReadNumberColumn(string column, CancellationToken cancellationToken = default)
    {
        var field = Require(column);
        if (!ColumnReads.IsNumeric(field.ClrType) || field.IsArray)
        {
            throw new DataSchemaException(DataErrorCodes.BadColumn, $"Column '{column}' in '{Path}' has type {field.ClrType.Name}; a numeric column is expected.");
        }

        var result = new double[RowCount];
        var columns = new ColumnReads();
        var offset = 0;
        for (var g = 0; g < _reader.RowGroupCount; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rowGroup = _reader.OpenRowGroupReader(g);
            var rows = checked((int)rowGroup.RowCount);
            var buffer = new double[rows];
            columns.ReadNumbers(rowGroup, field, rows, buffer, cancellationToken);
            buffer.CopyTo(result, offset);
            offset += rows;
        }

        return result;
    }

    /// <summary>
    /// Reads the columns the spec names, one block per row group (or several when
    /// <see cref="ReadSpec.MaxRowsPerBlock"/> is smaller than the row group). Row groups with no kept row yield nothing.
    /// </summary>
    /// <exception cref="DataSchemaException">NP6602 when a named column is missing (all missing names are listed);
    /// NP6604 when a column has an unusable type or value.</exception>
    public IEnumerable<DataBlock> ReadBlocks(ReadSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        return ReadBlocksCore(spec, cancellationToken);
    }

    /// <summary>Reads all kept rows into one block (convenient for small files; large files should stream blocks).</summary>
    public DataBlock ReadAll(ReadSpec spec, CancellationToken cancellationToken = default) =>
        DataBlocks.Concat(ReadBlocks(spec, cancellationToken).ToList(), spec);

    /// <inheritdoc />
    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }

    private IEnumerable<DataBlock> ReadBlocksCore(ReadSpec spec, CancellationToken ct)
    {
        var featureFields = spec.Features.Select(f => _fields[f]).ToArray();
        var targetField = spec.Target is null ? null : _fields[spec.Target];
        var extraFields = spec.ExtraFloatColumns.Select(c => _fields[c]).ToArray();
        var eraField = _fields.GetValueOrDefault(EraColumn);
        var dataTypeField = spec.DataType is null ? null : _fields[DataTypeColumn];
        var idField = spec.IncludeIds && IdColumn is not null ? _fields[IdColumn] : null;

        HashSet<string>? keptEras = null;
        if (spec.EraStride > 1)
        {
            var eras = ReadDistinctEras(ct);
            keptEras = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < eras.Count; i += spec.EraStride)
            {
                keptEras.Add(eras[i]);
            }
        }

        var interned = new Dictionary<string, string>(StringComparer.Ordinal);
        var columns = new ColumnReads();
        var featureCount = featureFields.Length;
        var threads = spec.DecodeThreads ?? Math.Min(Environment.ProcessorCount, 4);
        var decoders = new List<ColumnDecoder> { new(_reader) };
        try
        {
            for (var w = 1; w < threads && featureCount >= 2 * w; w++)
            {
                decoders.Add(ColumnDecoder.OpenExtra(Path));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // More file handles are an optimisation only: decode on the handles that opened.
        }

        var maxRows = spec.MaxRowsPerBlock is > 0 ? spec.MaxRowsPerBlock.Value : int.MaxValue;
        byte[]? reusable = null;

        try
        {
            for (var g = 0; g < _reader.RowGroupCount; g++)
            {
                ct.ThrowIfCancellationRequested();
                var rowGroup = _reader.OpenRowGroupReader(g);
                var rows = checked((int)rowGroup.RowCount);
                if (rows == 0)
                {
                    continue;
                }

                string[] eras = [];
                if (eraField is not null)
                {
                    eras = ColumnReads.ReadStrings(rowGroup, eraField, rows, ct);
                    for (var i = 0; i < rows; i++)
                    {
                        var era = eras[i];
                        if (!interned.TryGetValue(era, out var shared))
                        {
                            interned[era] = shared = era;
                        }

                        eras[i] = shared;
                    }
                }

                float[]? target = null;
                if (targetField is not null)
                {
                    target = new float[rows];
                    columns.ReadFloats(rowGroup, targetField, rows, target, ct);
                }

                var keep = new bool[rows];
                Array.Fill(keep, true);
                if (keptEras is not null)
                {
                    for (var i = 0; i < rows; i++)
                    {
                        keep[i] &= keptEras.Contains(eras[i]);
                    }
                }

                if (dataTypeField is not null)
                {
                    var types = ColumnReads.ReadStrings(rowGroup, dataTypeField, rows, ct);
                    for (var i = 0; i < rows; i++)
                    {
                        keep[i] &= string.Equals(types[i], spec.DataType, StringComparison.Ordinal);
                    }
                }

                if (spec.DropMissingTarget && target is not null)
                {
                    for (var i = 0; i < rows; i++)
                    {
                        keep[i] &= !float.IsNaN(target[i]);
                    }
                }

                var selected = new List<int>(rows);
                for (var i = 0; i < rows; i++)
                {
                    if (keep[i])
                    {
                        selected.Add(i);
                    }
                }

                if (selected.Count == 0)
                {
                    continue;
                }

                var ids = idField is null ? null : ColumnReads.ReadStrings(rowGroup, idField, rows, ct);
                var extras = new float[extraFields.Length][];
                for (var e = 0; e < extraFields.Length; e++)
                {
                    extras[e] = new float[rows];
                    columns.ReadFloats(rowGroup, extraFields[e], rows, extras[e], ct);
                }

                // Columns are decoded into a tile of column buffers, then copied row by row, so each block row is written
                // as one contiguous run of up to Tile bytes instead of one byte per cache line per column.
                const int Tile = 32;
                var tile = new byte[Math.Min(Tile, Math.Max(1, featureCount))][];
                for (var t = 0; t < tile.Length; t++)
                {
                    tile[t] = new byte[rows];
                }

                for (var start = 0; start < selected.Count; start += maxRows)
                {
                    var count = Math.Min(maxRows, selected.Count - start);
                    var size = (long)count * featureCount;
                    var features = reusable is not null && reusable.LongLength == size ? reusable : new byte[size];
                    if (spec.ReuseFeatureBuffer)
                    {
                        reusable = features;
                    }

                    for (var j0 = 0; j0 < featureCount; j0 += Tile)
                    {
                        ct.ThrowIfCancellationRequested();
                        var width = Math.Min(Tile, featureCount - j0);
                        DecodeTile(decoders, g, featureFields, j0, width, rows, tile, ct);

                        for (var r = 0; r < count; r++)
                        {
                            var source = selected[start + r];
                            var offset = ((long)r * featureCount) + j0;
                            for (var t = 0; t < width; t++)
                            {
                                features[offset + t] = tile[t][source];
                            }
                        }
                    }

                    yield return new DataBlock(
                        count,
                        featureCount,
                        features,
                        ids is null ? [] : Pick(ids, selected, start, count),
                        eraField is null ? [] : Pick(eras, selected, start, count),
                        target is null ? null : Pick(target, selected, start, count),
                        PickExtras(spec.ExtraFloatColumns, extras, selected, start, count));
                }
            }
        }
        finally
        {
            foreach (var decoder in decoders)
            {
                decoder.Dispose();
            }
        }
    }

    private void DecodeTile(List<ColumnDecoder> decoders, int rowGroup, DataField[] fields, int first, int width, int rows, byte[][] tile, CancellationToken ct)
    {
        if (decoders.Count == 1 || width == 1)
        {
            for (var t = 0; t < width; t++)
            {
                decoders[0].Decode(rowGroup, fields[first + t].Name, rows, tile[t], Path, ct);
            }

            return;
        }

        try
        {
            Parallel.For(0, Math.Min(decoders.Count, width), new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = decoders.Count }, w =>
            {
                for (var t = w; t < width; t += decoders.Count)
                {
                    decoders[w].Decode(rowGroup, fields[first + t].Name, rows, tile[t], Path, ct);
                }
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }
    }

    private static T[] Pick<T>(T[] source, List<int> selected, int start, int count)
    {
        var result = new T[count];
        for (var r = 0; r < count; r++)
        {
            result[r] = source[selected[start + r]];
        }

        return result;
    }

    private static Dictionary<string, float[]> PickExtras(IReadOnlyList<string> names, float[][] extras, List<int> selected, int start, int count)
    {
        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var e = 0; e < names.Count; e++)
        {
            result[names[e]] = Pick(extras[e], selected, start, count);
        }

        return result;
    }

    private void Validate(ReadSpec spec)
    {
        if (spec.EraStride < 1)
        {
            throw new DataSchemaException(DataErrorCodes.InvalidOptions, $"Era stride must be 1 or more (got {spec.EraStride}).");
        }

        if (spec.DropMissingTarget && spec.Target is null)
        {
            throw new DataSchemaException(DataErrorCodes.InvalidOptions, "DropMissingTarget needs a Target column; name the target or turn DropMissingTarget off.");
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

        var missing = wanted.Where(c => !_fields.ContainsKey(c)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw MissingColumns(missing);
        }

        foreach (var name in spec.Features.Concat(spec.ExtraFloatColumns).Concat(spec.Target is null ? [] : [spec.Target]))
        {
            var field = _fields[name];
            if (!ColumnReads.IsNumeric(field.ClrType) || field.IsArray)
            {
                throw new DataSchemaException(DataErrorCodes.BadColumn,
                    $"Column '{name}' in '{Path}' has type {field.ClrType.Name}{(field.IsArray ? "[]" : string.Empty)}, not a number. Features, targets and prediction columns must be numeric.");
            }
        }

        foreach (var name in new[] { DataTypeColumn, EraColumn })
        {
            if (_fields.TryGetValue(name, out var f) && !ColumnReads.IsString(f.ClrType) && wanted.Contains(name))
            {
                throw new DataSchemaException(DataErrorCodes.BadColumn, $"Column '{name}' in '{Path}' has type {f.ClrType.Name}; a string column is expected.");
            }
        }
    }

    private DataField Require(string column) =>
        _fields.TryGetValue(column, out var field) ? field : throw MissingColumns([column]);

    private DataSchemaException MissingColumns(IReadOnlyList<string> missing)
    {
        const int Shown = 10;
        var names = string.Join(", ", missing.Take(Shown).Select(m => $"'{m}'"));
        var more = missing.Count > Shown ? $" and {missing.Count - Shown} more" : string.Empty;
        var hints = missing.Take(Shown)
            .Select(m => (m, hint: NameSuggestions.Closest(m, _fields.Keys)))
            .Where(x => x.hint is not null)
            .Select(x => $"'{x.hint}' for '{x.m}'")
            .ToList();
        var didYouMean = hints.Count == 0 ? string.Empty : $" Did you mean {string.Join(", ", hints)}?";
        return new DataSchemaException(DataErrorCodes.MissingColumns,
            $"'{Path}' lacks {missing.Count} column(s) the read needs: {names}{more}. The file has {_fields.Count} columns; " +
            $"check the feature set, target name and dataset version (features.json must match the data file).{didYouMean}");
    }

    private static string? FindIdColumn(ParquetReader reader, Dictionary<string, DataField> fields)
    {
        if (fields.TryGetValue("id", out var id) && ColumnReads.IsString(id.ClrType))
        {
            return "id";
        }

        if (reader.CustomMetadata is not null && reader.CustomMetadata.TryGetValue("pandas", out var pandas))
        {
            try
            {
                using var doc = JsonDocument.Parse(pandas);
                if (doc.RootElement.TryGetProperty("index_columns", out var index) && index.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in index.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.String && item.GetString() is { } name
                            && fields.TryGetValue(name, out var f) && ColumnReads.IsString(f.ClrType))
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
        }

        return null;
    }
}
