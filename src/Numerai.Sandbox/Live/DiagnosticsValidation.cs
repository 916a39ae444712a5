using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Scoring;

namespace NumeraiPipeline.Numerai.Sandbox.Live;

/// <summary>
/// The validation rows diagnostics score (data_type <c>validation</c> where the file has the column): ids, eras, the
/// target and, when they can be read whole, the features FNC and exposure are computed against.
/// </summary>
/// <param name="Ids">Row ids.</param>
/// <param name="Eras">Row eras.</param>
/// <param name="Target">The target of each row (NaN where unlabelled).</param>
/// <param name="Features">The rows' features (one byte a value), or null.</param>
/// <param name="FeatureNames">The names of the columns of <paramref name="Features"/> (empty without).</param>
internal sealed record DiagnosticsValidation(string[] Ids, string[] Eras, double[] Target, FeatureMatrix? Features, IReadOnlyList<string> FeatureNames)
{
    /// <summary>
    /// The feature sets of features.json FNC and exposure use, first found first: Numerai's website FNC v3 neutralizes
    /// against <c>fncv3_features</c>; the synthetic data has no such set, and <c>medium</c> is its counterpart.
    /// </summary>
    public static readonly string[] FeatureSets = ["fncv3_features", "medium", "all"];

    /// <summary>The features of the first of <see cref="FeatureSets"/> that features.json has, or null.</summary>
    public static IReadOnlyList<string>? FeatureSet(string? featuresJson)
    {
        if (featuresJson is null)
        {
            return null;
        }

        var metadata = FeatureMetadata.Load(featuresJson);
        return FeatureSets.Where(metadata.FeatureSets.ContainsKey).Select(s => metadata.FeatureSets[s]).FirstOrDefault(f => f.Count > 0);
    }

    /// <summary>
    /// Reads the rows as numerai.metrics reads validation.parquet (ids, eras and features block by block, the target as
    /// double); the features are left out when one is not a column of the file or a value is missing.
    /// </summary>
    public static DiagnosticsValidation Read(string path, IReadOnlyList<string>? features, CancellationToken cancellationToken)
    {
        using var reader = NumeraiParquetReader.Open(path);
        if (features is not null && !features.All(reader.HasColumn))
        {
            features = null;
        }

        var p = features?.Count ?? 0;
        var spec = new ReadSpec
        {
            Features = features ?? [],
            IncludeIds = true,
            MaxRowsPerBlock = p == 0 ? null : Math.Max(1, 1_000_000_000 / p),
        };
        var ids = new List<string>((int)Math.Min(reader.RowCount, int.MaxValue));
        var eras = new List<string>(ids.Capacity);
        var blocks = new List<byte[]>();
        var complete = p > 0;
        foreach (var block in reader.ReadBlocks(spec, cancellationToken))
        {
            if (complete && Array.IndexOf(block.Features, DataBlock.MissingFeature) >= 0)
            {
                // numerai.metrics refuses missing feature values; here FNC and exposure are just not given.
                complete = false;
                blocks.Clear();
            }

            if (complete)
            {
                blocks.Add(block.Features);
            }

            ids.AddRange(block.Ids);
            eras.AddRange(block.Eras);
        }

        var target = reader.ReadNumberColumn("target", cancellationToken);
        var types = reader.HasColumn(NumeraiParquetReader.DataTypeColumn) ? reader.ReadStringColumn(NumeraiParquetReader.DataTypeColumn, cancellationToken) : null;
        var matrix = complete ? new FeatureMatrix(p, blocks) : null;
        var all = new DiagnosticsValidation([.. ids], [.. eras], target, matrix, matrix is null ? Array.Empty<string>() : features!);
        return types is null || types.All(t => t == "validation") ? all : all.Subset([.. Enumerable.Range(0, types.Length).Where(i => types[i] == "validation")]);
    }

    /// <summary>The rows <paramref name="rows"/> (ascending) only.</summary>
    private DiagnosticsValidation Subset(int[] rows)
    {
        FeatureMatrix? features = null;
        if (Features is { } matrix)
        {
            var p = matrix.Columns;
            var values = new byte[(long)rows.Length * p];
            for (var r = 0; r < rows.Length; r++)
            {
                matrix.Row(rows[r]).CopyTo(values.AsSpan(r * p, p));
            }

            features = FeatureMatrix.FromRowMajor(values, p);
        }

        return new DiagnosticsValidation([.. rows.Select(i => Ids[i])], [.. rows.Select(i => Eras[i])], [.. rows.Select(i => Target[i])], features, FeatureNames);
    }
}
