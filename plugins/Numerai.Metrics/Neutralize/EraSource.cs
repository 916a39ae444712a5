using System.Threading.Channels;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Neutralize;

/// <summary>
/// Streams the data file in bounded blocks of feature rows and hands out one era at a time: the rows of each era that
/// have a prediction, with their features, matched to the prediction rows by id. Eras must be contiguous in the file.
/// </summary>
internal sealed class EraSource
{
    private readonly string path;
    private readonly IReadOnlyList<string> features;
    private readonly int blockBytes;

    public EraSource(string path, IReadOnlyList<string> features, int blockBytes)
    {
        this.path = path;
        this.features = features;
        this.blockBytes = blockBytes;
    }

    /// <summary>The distinct eras of the file (for progress).</summary>
    public int EraCount { get; private set; }

    /// <summary>Data rows read.</summary>
    public long DataRows { get; private set; }

    /// <summary>Largest block of rows read at once.</summary>
    public int? MaxRowsPerBlock { get; private set; }

    /// <summary>Checks the file's columns (NP6202) and counts its eras.</summary>
    public void Open(CancellationToken cancellationToken)
    {
        using var reader = OpenReader();
        EraCount = reader.ReadDistinctEras(cancellationToken).Count;
    }

    /// <summary>
    /// Reads the file and writes each era's job to <paramref name="jobs"/>, taking empty jobs from <paramref name="free"/>
    /// (which bounds the eras in memory). Marks each matched prediction row in <paramref name="matched"/>.
    /// </summary>
    public async Task ProduceAsync(Dictionary<string, int> rowOfId, bool[] matched, ChannelReader<EraJob> free, ChannelWriter<EraJob> jobs, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        using var reader = OpenReader();
        var p = features.Count;
        long largestGroup = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            largestGroup = Math.Max(largestGroup, reader.GetRowGroupRowCount(g));
        }

        // a row group larger than the budget is read in equal parts (each part re-decodes the group's columns)
        var parts = (int)Math.Max(1, ((largestGroup * p) + blockBytes - 1) / blockBytes);
        MaxRowsPerBlock = parts > 1 ? (int)((largestGroup + parts - 1) / parts) : null;
        var spec = new ReadSpec { Features = features, IncludeIds = true, MaxRowsPerBlock = MaxRowsPerBlock, ReuseFeatureBuffer = true };
        var finished = new HashSet<string>(StringComparer.Ordinal);
        EraJob? current = null;
        long row = 0;
        foreach (var block in reader.ReadBlocks(spec, cancellationToken))
        {
            for (var r = 0; r < block.RowCount; r++, row++)
            {
                var era = block.Eras[r];
                if (current is null || !string.Equals(current.Era, era, StringComparison.Ordinal))
                {
                    if (current is not null)
                    {
                        finished.Add(current.Era);
                        await jobs.WriteAsync(current, cancellationToken);
                    }

                    if (finished.Contains(era))
                    {
                        throw NeutralizeErrors.ErasNotContiguous.Exception(name, era, row + 1);
                    }

                    current = await free.ReadAsync(cancellationToken);
                    current.Reset(era);
                }

                if (!rowOfId.TryGetValue(block.Ids[r], out var predictionRow))
                {
                    continue;
                }

                if (matched[predictionRow])
                {
                    throw NeutralizeErrors.DuplicateId.Exception(block.Ids[r], "data", name);
                }

                matched[predictionRow] = true;
                current.Add(predictionRow, block.GetRow(r));
            }
        }

        if (current is not null)
        {
            await jobs.WriteAsync(current, cancellationToken);
        }

        DataRows = row;
    }

    private NumeraiParquetReader OpenReader()
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw MetricsErrors.InputUnreadable.Exception("data", path, "does not exist");
        }

        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            throw MetricsErrors.InputUnreadable.Exception("data", name, "is a CSV file: numerai.neutralize reads the features from Numerai's parquet (validation.parquet, live.parquet)");
        }

        var reader = NumeraiParquetReader.Open(path);
        var missing = new List<string>();
        if (reader.IdColumn is null)
        {
            missing.Add("id");
        }

        if (!reader.HasColumn(NumeraiParquetReader.EraColumn))
        {
            missing.Add(NumeraiParquetReader.EraColumn);
        }

        if (missing.Count > 0)
        {
            reader.Dispose();
            throw MetricsErrors.MissingColumn.Exception(
                "data",
                name,
                $"the column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}",
                "Neutralizing needs the ids and eras of Numerai data (validation.parquet, live.parquet).");
        }

        return reader;
    }
}
