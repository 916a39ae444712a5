using System.Text.Json;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Input;

/// <summary>Resolves a feature set name against Numerai's features.json (<c>{"feature_sets": {name: [..]}}</c>).</summary>
internal static class FeatureSetResolver
{
    public static IReadOnlyList<string> Resolve(string featuresJson, string featureSet)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(featuresJson));
        }
        catch (JsonException ex)
        {
            throw new StageException(MetricsErrors.BadFeatureSet, $"features file '{Path.GetFileName(featuresJson)}' is not valid JSON ({ex.Message}). Give Numerai's features.json.", ex);
        }

        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("feature_sets", out var sets) || sets.ValueKind != JsonValueKind.Object)
            {
                throw new StageException(MetricsErrors.BadFeatureSet, $"features file '{Path.GetFileName(featuresJson)}' has no 'feature_sets' object. Give Numerai's features.json.");
            }

            if (!sets.TryGetProperty(featureSet, out var list) || list.ValueKind != JsonValueKind.Array)
            {
                var names = sets.EnumerateObject().Select(p => p.Name).ToList();
                var near = names.OrderBy(n => Distance(n, featureSet)).FirstOrDefault();
                throw new StageException(
                    MetricsErrors.BadFeatureSet,
                    $"feature set '{featureSet}' is not in '{Path.GetFileName(featuresJson)}' (sets: {string.Join(", ", names)}). Set feature_set to one of them.{(near is null ? "" : $" Did you mean '{near}'?")}");
            }

            return list.EnumerateArray().Select(e => e.GetString() ?? "").Where(s => s.Length > 0).ToArray();
        }
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }
}
