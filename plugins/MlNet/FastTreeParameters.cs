using System.Globalization;
using System.Text.Json;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>The FastTree parameters mlnet.train accepts in its <c>params</c> map.</summary>
internal sealed record FastTreeParameters
{
    public static readonly string[] Names =
        ["number_of_trees", "number_of_leaves", "learning_rate", "minimum_example_count_per_leaf", "feature_fraction"];

    public int NumberOfTrees { get; init; } = 100;

    public int NumberOfLeaves { get; init; } = 31;

    public double LearningRate { get; init; } = 0.1;

    public int MinimumExampleCountPerLeaf { get; init; } = 20;

    public double FeatureFraction { get; init; } = 1.0;

    public static FastTreeParameters Create(IReadOnlyDictionary<string, JsonElement> values)
    {
        var p = new FastTreeParameters();
        foreach (var (key, value) in values)
        {
            p = key switch
            {
                "number_of_trees" => p with { NumberOfTrees = Int(key, value, 1, 100_000) },
                "number_of_leaves" => p with { NumberOfLeaves = Int(key, value, 2, 131_072) },
                "learning_rate" => p with { LearningRate = Double(key, value, 1e-9, 10) },
                "minimum_example_count_per_leaf" => p with { MinimumExampleCountPerLeaf = Int(key, value, 1, 1_000_000) },
                "feature_fraction" => p with { FeatureFraction = Double(key, value, 1e-6, 1) },
                _ => throw Unknown(key),
            };
        }

        return p;
    }

    public IReadOnlyDictionary<string, string> ToDictionary() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["number_of_trees"] = NumberOfTrees.ToString(CultureInfo.InvariantCulture),
        ["number_of_leaves"] = NumberOfLeaves.ToString(CultureInfo.InvariantCulture),
        ["learning_rate"] = LearningRate.ToString("R", CultureInfo.InvariantCulture),
        ["minimum_example_count_per_leaf"] = MinimumExampleCountPerLeaf.ToString(CultureInfo.InvariantCulture),
        ["feature_fraction"] = FeatureFraction.ToString("R", CultureInfo.InvariantCulture),
    };

    private static StageException Unknown(string key)
    {
        var closest = Names.OrderBy(n => EditDistance.Between(n, key)).First();
        var hint = EditDistance.Between(closest, key) <= Math.Max(2, key.Length / 3) ? $" Did you mean '{closest}'?" : string.Empty;
        return new StageException(ErrorCodes.Parameter,
            $"mlnet.train: unknown FastTree parameter '{key}' in params. Known: {string.Join(", ", Names)}.{hint}") { ExitCode = 2 };
    }

    private static int Int(string key, JsonElement value, int min, int max)
    {
        var d = Double(key, value, min, max);
        if (d != Math.Floor(d))
        {
            throw new StageException(ErrorCodes.Parameter, $"mlnet.train: params.{key} must be a whole number (got {d.ToString(CultureInfo.InvariantCulture)}).") { ExitCode = 2 };
        }

        return (int)d;
    }

    private static double Double(string key, JsonElement value, double min, double max)
    {
        double d;
        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out d),
            JsonValueKind.String => double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d),
            _ => (d = 0) == 1,
        };
        if (!ok || double.IsNaN(d) || d < min || d > max)
        {
            throw new StageException(ErrorCodes.Parameter,
                $"mlnet.train: params.{key} = {value.GetRawText()} is not a number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}].") { ExitCode = 2 };
        }

        return d;
    }
}
