using System.Text.Json;

namespace NumeraiPipeline.Numerai.Data;

/// <summary>The contents of a Numerai <c>features.json</c>: feature sets (name to ordered column list) and targets.</summary>
public sealed class FeatureMetadata
{
    /// <summary>Creates metadata from its parts.</summary>
    public FeatureMetadata(IReadOnlyDictionary<string, IReadOnlyList<string>> featureSets, IReadOnlyList<string> targets)
    {
        FeatureSets = featureSets;
        Targets = targets;
    }

    /// <summary>Feature set name (e.g. <c>small</c>, <c>medium</c>, <c>all</c>) to its ordered feature column names.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FeatureSets { get; }

    /// <summary>Target column names, including <c>target</c>.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>Reads a features.json file.</summary>
    /// <exception cref="DataSchemaException">NP6601 when the file is missing or not the expected JSON.</exception>
    public static FeatureMetadata Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataSchemaException(DataErrors.UnreadableFile, ex, "features metadata", path, DataSchemaException.Reason(ex.Message));
        }

        try
        {
            return Parse(text);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new DataSchemaException(DataErrors.UnreadableFile, ex, "features metadata", path, $"not a Numerai features.json (an object with 'feature_sets' and 'targets'): {DataSchemaException.Reason(ex.Message)}");
        }
    }

    /// <summary>Parses the JSON text of a features.json.</summary>
    public static FeatureMetadata Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("feature_sets", out var sets) || sets.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("no 'feature_sets' object");
        }

        var featureSets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var set in sets.EnumerateObject())
        {
            if (set.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            featureSets[set.Name] = set.Value.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray();
        }

        var targets = Array.Empty<string>();
        if (root.TryGetProperty("targets", out var t) && t.ValueKind == JsonValueKind.Array)
        {
            targets = t.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray();
        }

        return new FeatureMetadata(featureSets, targets);
    }

    /// <summary>The ordered feature names of a set.</summary>
    /// <exception cref="DataSchemaException">NP6603 naming the known sets (and a did-you-mean).</exception>
    public IReadOnlyList<string> Resolve(string featureSet)
    {
        if (FeatureSets.TryGetValue(featureSet, out var features))
        {
            return features;
        }

        var known = string.Join(", ", FeatureSets.Keys.Order(StringComparer.Ordinal));
        throw new DataSchemaException(DataErrors.UnknownFeatureSet, featureSet, known, NameSuggestions.Hint(featureSet, FeatureSets.Keys));
    }

    /// <summary>Serialises to the features.json layout (<c>feature_sets</c>, <c>targets</c>).</summary>
    public string ToJson()
    {
        var model = new Dictionary<string, object>
        {
            ["feature_sets"] = FeatureSets,
            ["targets"] = Targets,
        };
        return JsonSerializer.Serialize(model, new JsonSerializerOptions { WriteIndented = true });
    }
}
