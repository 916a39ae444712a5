using System.Text.Json;

namespace NumeraiPipeline.Plugins.LightGbm.Data;

/// <summary>Reads feature sets from Numerai's <c>features.json</c> (<c>{"feature_sets": {name: [features]}, "targets": [...]}</c>).</summary>
internal static class FeatureCatalog
{
    /// <summary>Returns the features of <paramref name="featureSet"/>; throws <see cref="KeyNotFoundException"/> naming the sets that exist.</summary>
    public static IReadOnlyList<string> Load(string path, string featureSet)
    {
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        if (!doc.RootElement.TryGetProperty("feature_sets", out var sets) || sets.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} has no \"feature_sets\" object");
        }

        if (!sets.TryGetProperty(featureSet, out var list))
        {
            var names = sets.EnumerateObject().Select(p => p.Name).ToList();
            throw new KeyNotFoundException($"feature set '{featureSet}' is not in {Path.GetFileName(path)}; it has: {string.Join(", ", names)}");
        }

        return list.EnumerateArray().Select(e => e.GetString() ?? throw new InvalidDataException($"a feature name in '{featureSet}' is not a string")).ToArray();
    }
}
