namespace NumeraiPipeline.Numerai.Data.Engines;

/// <summary>The rows of one row group a read keeps (positions in the row group, ascending) and their small columns.</summary>
internal sealed class RowGroupSelection
{
    public required int[] Selected { get; init; }

    /// <summary>Eras of the kept rows (empty when the file has no era column).</summary>
    public required string[] Eras { get; init; }

    public required string[] Ids { get; init; }

    public float[]? Target { get; init; }

    public required float[][] Extras { get; init; }

    /// <summary>Reads the small columns of a row group and applies the spec's filters.</summary>
    public static RowGroupSelection Read(IParquetSource source, int rowGroup, int rows, ReadSpec spec, HashSet<string>? keptEras, string? idColumn,
        Dictionary<string, string> interned)
    {
        var columns = new List<ParquetColumn>();
        int Add(string? name)
        {
            if (name is null || !source.Columns.TryGetValue(name, out var column))
            {
                return -1;
            }

            columns.Add(column);
            return columns.Count - 1;
        }

        // a non-string era column (not Numerai's layout) gives blocks without eras unless the read filters on eras
        var era = source.Columns.TryGetValue(NumeraiParquetReader.EraColumn, out var eraColumn) && eraColumn.IsString ? Add(NumeraiParquetReader.EraColumn) : -1;
        var target = Add(spec.Target);
        var extras = spec.ExtraFloatColumns.Select(Add).ToArray();
        var dataType = spec.DataType is null ? -1 : Add(NumeraiParquetReader.DataTypeColumn);
        var id = spec.IncludeIds ? Add(idColumn) : -1;

        string[] eras = [];
        float[]? targets = null;
        var extraValues = new float[extras.Length][];
        string[]? types = null;
        string[]? ids = null;
        using (var batch = source.Open(rowGroup, columns))
        {
            if (era >= 0)
            {
                eras = new string[rows];
                batch.ReadStrings(era, eras);
                for (var i = 0; i < rows; i++)
                {
                    if (!interned.TryGetValue(eras[i], out var shared))
                    {
                        interned[eras[i]] = shared = eras[i];
                    }

                    eras[i] = shared;
                }
            }

            if (target >= 0)
            {
                targets = new float[rows];
                batch.ReadFloats(target, targets);
            }

            for (var e = 0; e < extras.Length; e++)
            {
                extraValues[e] = new float[rows];
                batch.ReadFloats(extras[e], extraValues[e]);
            }

            if (dataType >= 0)
            {
                types = new string[rows];
                batch.ReadStrings(dataType, types);
            }

            if (id >= 0)
            {
                ids = new string[rows];
                batch.ReadStrings(id, ids);
            }
        }

        var selected = new List<int>(rows);
        for (var i = 0; i < rows; i++)
        {
            if (keptEras is not null && !keptEras.Contains(eras[i]))
            {
                continue;
            }

            if (types is not null && !string.Equals(types[i], spec.DataType, StringComparison.Ordinal))
            {
                continue;
            }

            if (spec.DropMissingTarget && targets is not null && float.IsNaN(targets[i]))
            {
                continue;
            }

            selected.Add(i);
        }

        var kept = selected.ToArray();
        return new RowGroupSelection
        {
            Selected = kept,
            Eras = era >= 0 ? Pick(eras, kept) : [],
            Ids = ids is null ? [] : Pick(ids, kept),
            Target = targets is null ? null : Pick(targets, kept),
            Extras = extraValues.Select(v => Pick(v, kept)).ToArray(),
        };
    }

    public static T[] Slice<T>(T[] values, int start, int count) => values.Length == 0 ? values : values.AsSpan(start, count).ToArray();

    private static T[] Pick<T>(T[] values, int[] kept)
    {
        if (kept.Length == values.Length)
        {
            return values;
        }

        var result = new T[kept.Length];
        for (var r = 0; r < kept.Length; r++)
        {
            result[r] = values[kept[r]];
        }

        return result;
    }
}
