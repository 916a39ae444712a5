using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Models;
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

    /// <summary>Ids of the kept rows (when <see cref="ReadSpec.IncludeIds"/>).</summary>
    public string[]? Ids { get; private init; }

    /// <summary>Eras of the kept rows (when <see cref="ReadSpec.IncludeIds"/> and the file has an era column).</summary>
    public string[]? Eras { get; private init; }

    /// <summary>Number of distinct eras kept.</summary>
    public int EraCount { get; private init; }

    public string Path => reader.Path;

    /// <summary>How many times the feature columns were read from the file (0 when a training loaded its Dataset from the cache).</summary>
    public int FeaturePasses { get; private set; }

    /// <summary>Opens the rows <paramref name="spec"/> selects (its ids and eras kept when <see cref="ReadSpec.IncludeIds"/>).</summary>
    /// <param name="path">The Numerai parquet file.</param>
    /// <param name="spec">What to read; its features are read per chunk, the small columns once here.</param>
    /// <param name="residentLimitBytes">Keep the int8 rows in memory when they take at most this many bytes.</param>
    /// <param name="modelFile">The model whose features these are (prediction), for the NP6602 message.</param>
    public static ParquetRowSource Open(string path, ReadSpec spec, long residentLimitBytes, string? modelFile = null)
    {
        var reader = NumeraiParquetReader.Open(path);
        try
        {
            ModelColumns.Require(reader, spec, modelFile);
            var readIds = spec.IncludeIds;
            var small = spec with { Features = [], MaxRowsPerBlock = null, FeatureStripBytes = null, ReuseFeatureBuffer = false };
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

                if (readIds)
                {
                    ids.AddRange(block.Ids);
                    eras.AddRange(block.Eras);
                }

                distinctEras.UnionWith(block.Eras);
            }

            var featureSpec = spec with
            {
                IncludeIds = false,
                ReuseFeatureBuffer = (long)rows * spec.Features.Count > residentLimitBytes,
            };
            return new ParquetRowSource(reader, featureSpec, rows)
            {
                Labels = spec.Target is null ? null : labels.ToArray(),
                Ids = readIds ? ids.ToArray() : null,
                Eras = readIds && eras.Count == rows && rows > 0 ? eras.ToArray() : null,
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

    /// <summary>Drops the kept blocks (the int8 matrix: rows x features bytes); a later read streams the file again.</summary>
    public void ReleaseRows() => cache = null;

    public byte[] ReadRows(IReadOnlyList<int> rows, CancellationToken cancellationToken)
    {
        if (!resident)
        {
            FeaturePasses++;
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

        FeaturePasses++;
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
