using System.Security.Cryptography;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>Shared input handling of the stages: feature lists, reads, fingerprints.</summary>
internal static class StageData
{
    public static string RequirePath(ArtifactRef? artifact, string stage, string option, string what) =>
        artifact?.Path is { Length: > 0 } path
            ? path
            : throw new StageException(ErrorCodes.Input, $"{stage}: option '{option}' is required. Set it to {what}.") { ExitCode = 2 };

    /// <summary>The features of a set in features.json, or every <c>feature_*</c> column of the data when no features.json is given.</summary>
    public static IReadOnlyList<string> ResolveFeatures(string? featuresJson, string featureSet, NumeraiParquetReader data, string stage)
    {
        if (featuresJson is not null)
        {
            return FeatureMetadata.Load(featuresJson).Resolve(featureSet);
        }

        var features = data.Columns.Where(c => c.StartsWith("feature_", StringComparison.Ordinal)).ToList();
        if (features.Count == 0)
        {
            throw new StageException(ErrorCodes.Input,
                $"{stage}: no features.json given and {Path.GetFileName(data.Path)} has no 'feature_*' columns. Set 'features' to the dataset's features.json.") { ExitCode = 2 };
        }

        return features;
    }

    public static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
