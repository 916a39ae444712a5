using NumeraiPipeline.Numerai.Data;

namespace NumeraiPipeline.Numerai.Models;

/// <summary>The features a model trains on: a set of features.json, or every <c>feature_*</c> column of the data.</summary>
public static class FeatureList
{
    /// <summary>Resolves the feature list.</summary>
    /// <param name="stage">The stage, for messages.</param>
    /// <param name="featuresJson">features.json, or null for every <c>feature_*</c> column of the data.</param>
    /// <param name="featureSet">The set of features.json.</param>
    /// <param name="data">The open data file.</param>
    /// <returns>The features, in order.</returns>
    /// <exception cref="Sdk.StageException">NP6103 when there is no features.json and no feature column; NP6601/NP6603 from features.json.</exception>
    public static IReadOnlyList<string> Resolve(string stage, string? featuresJson, string featureSet, NumeraiParquetReader data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (featuresJson is not null)
        {
            // NP6601 (unreadable features.json) and NP6603 (unknown feature set, with the known sets) come from Numerai.Data.
            return FeatureMetadata.Load(featuresJson).Resolve(featureSet);
        }

        var features = data.Columns.Where(c => c.StartsWith("feature_", StringComparison.Ordinal)).ToArray();
        return features.Length > 0 ? features : throw ModelErrors.NoFeatureList.Exception(stage, Path.GetFileName(data.Path));
    }

    /// <summary>Opens <paramref name="dataFile"/> to resolve the feature list (see the other overload).</summary>
    /// <param name="stage">The stage, for messages.</param>
    /// <param name="featuresJson">features.json, or null.</param>
    /// <param name="featureSet">The set of features.json.</param>
    /// <param name="dataFile">The data file.</param>
    /// <returns>The features, in order.</returns>
    public static IReadOnlyList<string> Resolve(string stage, string? featuresJson, string featureSet, string dataFile)
    {
        if (featuresJson is not null)
        {
            return FeatureMetadata.Load(featuresJson).Resolve(featureSet);
        }

        using var data = NumeraiParquetReader.Open(dataFile);
        return Resolve(stage, featuresJson, featureSet, data);
    }
}
