using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.LightGbm.Training;

namespace NumeraiPipeline.Plugins.LightGbm.Data;

/// <summary>
/// The selected rows of a Numerai parquet file (read with <see cref="NumeraiParquetReader"/>) as int8 row chunks.
/// Opening reads only the small columns (era, data_type, target, id) to count the rows and collect the labels; features
/// are read block by block (page by page, never a row group at once) when the chunks are enumerated. When the kept
/// features fit in <c>residentLimitBytes</c>, the first read keeps the blocks and later ones replay them (one parquet
/// read); otherwise every read streams the file again, so the int8 matrix is never resident, and a row group whose
/// columns do not fit the strip budget together is read in column strips (<see cref="ReadStrips"/>).
/// </summary>
internal sealed class ParquetRowSource : IRowSource, IDisposable
{
    private readonly NumeraiParquetReader reader;
    private readonly ReadSpec featureSpec;
    private readonly bool resident;
    private List<DataBlock>? cache;

    private ParquetRowSource(NumeraiParquetReader reader, ReadSpec featureSpec, int rows)
    {
        this.reader = reader;
        this.featureSpec = featureSpec;
        Rows = rows;
        FeatureNames = featureSpec.Features;

        // streamed: each chunk is consumed before the next is read, so the reader fills one array for every row group
        resident = !featureSpec.ReuseFeatureBuffer;
    }

    public int Rows { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>True when the first enumeration keeps the blocks (they fit in the resident limit).</summary>
    public bool InMemory => resident;

    /// <summary>Targets of the kept rows (when a target was selected).</summary>
    public float[]? Labels { get; private init; }

    /// <summary>Ids of the kept rows (when <see cref="DataSelection.ReadIds"/>).</summary>
    public string[]? Ids { get; private init; }

    /// <summary>Eras of the kept rows (when <see cref="DataSelection.ReadIds"/> and the file has an era column).</summary>
    public string[]? Eras { get; private init; }

    /// <summary>Number of distinct eras kept.</summary>
    public int EraCount { get; private init; }

    public string Path => reader.Path;

    public static ParquetRowSource Open(string path, DataSelection selection, long residentLimitBytes, int? maxRowsPerBlock = null)
    {
        var reader = NumeraiParquetReader.Open(path);
        try
        {
            var missing = selection.Features.Where(f => !reader.HasColumn(f)).ToList();
            if (missing.Count > 0)
            {
                throw new MissingColumnsException(path, missing, isTarget: false);
            }

            if (selection.Target is { } t && !reader.HasColumn(t))
            {
                throw new MissingColumnsException(path, [t], isTarget: true);
            }

            var dataType = selection.DataType;
            var small = new ReadSpec
            {
                Features = [],
                Target = selection.Target,
                EraStride = selection.EraStride,
                DataType = dataType,
                IncludeIds = selection.ReadIds,
                DropMissingTarget = selection.DropUnlabelled && selection.Target is not null,
            };
            var labels = new List<float>();
            var ids = new List<string>();
            var eras = new List<string>();
            var distinctEras = new HashSet<string>(StringComparer.Ordinal);
            var rows = 0;
            foreach (var block in reader.ReadBlocks(small))
            {
                rows += block.RowCount;
                if (block.Target is not null)
                {
                    labels.AddRange(block.Target);
                }

                if (selection.ReadIds)
                {
                    ids.AddRange(block.Ids);
                    eras.AddRange(block.Eras);
                }

                distinctEras.UnionWith(block.Eras);
            }

            if (selection.ReadIds && reader.IdColumn is null)
            {
                throw new MissingColumnsException(path, ["id"], isTarget: false);
            }

            var featureSpec = new ReadSpec
            {
                Features = selection.Features,
                Target = small.Target,
                EraStride = small.EraStride,
                DataType = dataType,
                IncludeIds = false,
                DropMissingTarget = small.DropMissingTarget,
                MaxRowsPerBlock = maxRowsPerBlock,
                ReuseFeatureBuffer = (long)rows * selection.Features.Count > residentLimitBytes,
            };
            return new ParquetRowSource(reader, featureSpec, rows)
            {
                Labels = selection.Target is null ? null : labels.ToArray(),
                Ids = selection.ReadIds ? ids.ToArray() : null,
                Eras = selection.ReadIds && eras.Count == rows && rows > 0 ? eras.ToArray() : null,
                EraCount = distinctEras.Count,
            };
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public IEnumerable<RowChunk> ReadChunks(CancellationToken cancellationToken) => Read(featureSpec, cancellationToken);

    public IEnumerable<RowChunk> ReadStrips(long stripBytes, CancellationToken cancellationToken) =>
        resident ? Read(featureSpec, cancellationToken) : Read(featureSpec with { FeatureStripBytes = stripBytes }, cancellationToken);

    public byte[] ReadRows(IReadOnlyList<int> rows, CancellationToken cancellationToken)
    {
        if (!resident)
        {
            return reader.ReadRows(featureSpec, rows.Select(r => (long)r).ToArray(), cancellationToken).Features;
        }

        // resident: the first read keeps the blocks, so the sample comes out of them and the file is read once
        foreach (var _ in Read(featureSpec, cancellationToken))
        {
        }

        var width = FeatureNames.Count;
        var result = new byte[(long)rows.Count * width];
        var next = 0;
        foreach (var block in cache!)
        {
            while (next < rows.Count && rows[next] < block.FirstRow + block.RowCount)
            {
                block.GetRow((int)(rows[next] - block.FirstRow)).CopyTo(result.AsSpan(next * width, width));
                next++;
            }
        }

        return next == rows.Count ? result : throw new ArgumentException($"row {rows[next]} is beyond the {Rows} rows", nameof(rows));
    }

    private IEnumerable<RowChunk> Read(ReadSpec spec, CancellationToken cancellationToken)
    {
        if (cache is not null)
        {
            foreach (var block in cache)
            {
                yield return Chunk(block);
            }

            yield break;
        }

        var filling = resident ? new List<DataBlock>() : null;
        foreach (var block in reader.ReadBlocks(spec, cancellationToken))
        {
            filling?.Add(block);
            yield return Chunk(block);
        }

        cache = filling;
    }

    private static RowChunk Chunk(DataBlock block) =>
        new(block.Features.AsMemory(0, block.RowCount * block.FeatureCount), block.RowCount, block.FirstRow, block.FeatureOffset, block.FeatureCount);

    public void Dispose() => reader.Dispose();
}
