using NumeraiPipeline.Plugins.LightGbm.Training;

namespace NumeraiPipeline.Plugins.LightGbm.Data;

/// <summary>
/// The selected rows of a Numerai parquet file as int8 row chunks, one chunk per row group. Opening reads only the
/// small columns (era, data_type, target, id) to decide which rows to keep; features are read row group by row group
/// when the chunks are enumerated. When the kept features fit in <c>residentLimitBytes</c>, the first enumeration
/// keeps the chunks and later ones replay them (one parquet read); otherwise every enumeration streams the file again,
/// so the int8 matrix is never resident.
/// </summary>
internal sealed class ParquetRowSource : IRowSource, IDisposable
{
    private readonly NumeraiParquetFile file;
    private readonly bool[]?[] keep;
    private readonly int[] keptPerGroup;
    private readonly bool resident;
    private List<byte[]>? cache;

    private ParquetRowSource(NumeraiParquetFile file, IReadOnlyList<string> features, bool[]?[] keep, int[] keptPerGroup, long residentLimitBytes)
    {
        this.file = file;
        FeatureNames = features;
        this.keep = keep;
        this.keptPerGroup = keptPerGroup;
        Rows = keptPerGroup.Sum();
        resident = (long)Rows * features.Count <= residentLimitBytes;
    }

    public int Rows { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Targets of the kept rows (when a target was selected).</summary>
    public float[]? Labels { get; private init; }

    /// <summary>Ids of the kept rows (when <see cref="DataSelection.ReadIds"/>).</summary>
    public string[]? Ids { get; private init; }

    /// <summary>Eras of the kept rows (when <see cref="DataSelection.ReadIds"/> and the file has an era column).</summary>
    public string[]? Eras { get; private init; }

    /// <summary>Number of distinct eras kept.</summary>
    public int EraCount { get; private init; }

    public string Path => file.Path;

    public static ParquetRowSource Open(string path, DataSelection selection, long residentLimitBytes)
    {
        var file = NumeraiParquetFile.Open(path);
        try
        {
            var missing = selection.Features.Where(f => !file.HasColumn(f)).ToList();
            if (missing.Count > 0)
            {
                throw new DataSchemaException(path, missing, isTarget: false);
            }

            if (selection.Target is { } t && !file.HasColumn(t))
            {
                throw new DataSchemaException(path, [t], isTarget: true);
            }

            if (selection.ReadIds && !file.HasColumn("id"))
            {
                throw new DataSchemaException(path, ["id"], isTarget: false);
            }

            var groups = file.RowGroupRows.Length;
            var hasEra = file.HasColumn("era");
            var eras = new string?[groups][];
            var eraNames = new SortedSet<string>(StringComparer.Ordinal);
            if (hasEra)
            {
                for (var g = 0; g < groups; g++)
                {
                    eras[g] = Intern(file.ReadStrings(g, "era"));
                    foreach (var e in eras[g])
                    {
                        eraNames.Add(e ?? string.Empty);
                    }
                }
            }

            var stride = Math.Max(1, selection.EraStride);
            var keptEras = eraNames.Where((_, i) => i % stride == 0).ToHashSet(StringComparer.Ordinal);
            var keep = new bool[]?[groups];
            var kept = new int[groups];
            var labels = new List<float>();
            var ids = new List<string>();
            var keptEraValues = new List<string>();
            var erasSeen = new HashSet<string>(StringComparer.Ordinal);
            var useDataType = selection.DataType is not null && file.HasColumn("data_type");
            for (var g = 0; g < groups; g++)
            {
                var n = file.RowGroupRows[g];
                var dataTypes = useDataType ? file.ReadStrings(g, "data_type") : null;
                var target = selection.Target is null ? null : file.ReadFloats(g, selection.Target);
                var mask = new bool[n];
                var count = 0;
                for (var r = 0; r < n; r++)
                {
                    var era = hasEra ? eras[g][r] ?? string.Empty : string.Empty;
                    var ok = (!hasEra || keptEras.Contains(era))
                        && (dataTypes is null || string.Equals(dataTypes[r], selection.DataType, StringComparison.Ordinal))
                        && !(selection.DropUnlabelled && target is not null && float.IsNaN(target[r]));
                    mask[r] = ok;
                    if (ok)
                    {
                        count++;
                        erasSeen.Add(era);
                        if (target is not null)
                        {
                            labels.Add(target[r]);
                        }

                        if (selection.ReadIds && hasEra)
                        {
                            keptEraValues.Add(era);
                        }
                    }
                }

                if (selection.ReadIds)
                {
                    var idColumn = file.ReadStrings(g, "id");
                    for (var r = 0; r < n; r++)
                    {
                        if (mask[r])
                        {
                            ids.Add(idColumn[r] ?? string.Empty);
                        }
                    }
                }

                kept[g] = count;
                keep[g] = count == n ? null : mask;
            }

            return new ParquetRowSource(file, selection.Features, keep, kept, residentLimitBytes)
            {
                Labels = selection.Target is null ? null : labels.ToArray(),
                Ids = selection.ReadIds ? ids.ToArray() : null,
                Eras = selection.ReadIds && hasEra ? keptEraValues.ToArray() : null,
                EraCount = erasSeen.Count,
            };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public IEnumerable<RowChunk> ReadChunks(CancellationToken cancellationToken)
    {
        if (cache is not null)
        {
            foreach (var chunk in cache)
            {
                yield return new RowChunk(chunk, chunk.Length / FeatureNames.Count);
            }

            yield break;
        }

        var filling = resident ? new List<byte[]>() : null;
        byte[] buffer = [];
        for (var g = 0; g < keptPerGroup.Length; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = keptPerGroup[g];
            if (n == 0)
            {
                continue;
            }

            var size = n * FeatureNames.Count;
            var target = filling is not null ? new byte[size] : buffer.Length >= size ? buffer : buffer = new byte[size];
            file.ReadFeatures(g, FeatureNames, keep[g], target);
            filling?.Add(target);
            yield return new RowChunk(target.AsMemory(0, size), n);
        }

        if (filling is not null)
        {
            cache = filling;
        }
    }

    public void Dispose() => file.Dispose();

    private static string?[] Intern(string?[] values)
    {
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v)
            {
                values[i] = pool.TryGetValue(v, out var s) ? s : pool[v] = v;
            }
        }

        return values;
    }
}
