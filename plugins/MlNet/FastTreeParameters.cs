using System.Globalization;
using System.Text.Json;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>
/// The FastTree parameters mlnet.train accepts in its <c>params</c> map, with ML.NET's own limits (FastTree's
/// TreeOptions.Check: at least 2 leaves, more than 0 trees, a feature fraction in [0, 1]; we require the fraction to be
/// above 0, as no feature at all trains nothing) plus a learning rate above 0 and at least one example per leaf.
/// </summary>
internal sealed record FastTreeParameters
{
    public static readonly string[] Names =
        ["number_of_trees", "number_of_leaves", "learning_rate", "minimum_example_count_per_leaf", "feature_fraction"];

    public int NumberOfTrees { get; init; } = 100;

    public int NumberOfLeaves { get; init; } = 31;

    public double LearningRate { get; init; } = 0.1;

    public int MinimumExampleCountPerLeaf { get; init; } = 20;

    public double FeatureFraction { get; init; } = 1.0;

    /// <summary>Reads the parameters; the first problem (see <see cref="Problems"/>) is an NP6122 error.</summary>
    public static FastTreeParameters Create(IReadOnlyDictionary<string, JsonElement> values)
    {
        if (Problems(values).FirstOrDefault() is { } problem)
        {
            throw MlNetErrors.Parameter.Exception(problem);
        }

        var p = new FastTreeParameters();
        foreach (var (key, value) in values)
        {
            var d = Number(value)!.Value;
            p = key switch
            {
                "number_of_trees" => p with { NumberOfTrees = (int)d },
                "number_of_leaves" => p with { NumberOfLeaves = (int)d },
                "learning_rate" => p with { LearningRate = d },
                "minimum_example_count_per_leaf" => p with { MinimumExampleCountPerLeaf = (int)d },
                _ => p with { FeatureFraction = d },
            };
        }

        return p;
    }

    /// <summary>
    /// Every problem with <paramref name="values"/>: unknown names (with a suggestion) and values outside ML.NET's limits.
    /// A value is shown only when it is a number: any other text may come from a secret.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, JsonElement> values)
    {
        var problems = new List<string>();
        foreach (var (key, value) in values)
        {
            var problem = key switch
            {
                "number_of_trees" => Whole(key, value, 1),
                "number_of_leaves" => Whole(key, value, 2),
                "minimum_example_count_per_leaf" => Whole(key, value, 1),
                "learning_rate" => Real(key, value, "> 0", d => d > 0),
                "feature_fraction" => Real(key, value, "> 0 and <= 1", d => d is > 0 and <= 1),
                _ => Unknown(key),
            };
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    public IReadOnlyDictionary<string, string> ToDictionary() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["number_of_trees"] = NumberOfTrees.ToString(CultureInfo.InvariantCulture),
        ["number_of_leaves"] = NumberOfLeaves.ToString(CultureInfo.InvariantCulture),
        ["learning_rate"] = LearningRate.ToString("R", CultureInfo.InvariantCulture),
        ["minimum_example_count_per_leaf"] = MinimumExampleCountPerLeaf.ToString(CultureInfo.InvariantCulture),
        ["feature_fraction"] = FeatureFraction.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Unknown(string key)
    {
        var closest = Names.OrderBy(n => EditDistance.Between(n, key)).First();
        var hint = EditDistance.Between(closest, key) <= Math.Max(2, key.Length / 3) ? $" Did you mean '{closest}'?" : string.Empty;
        return $"unknown FastTree parameter '{key}'. Known: {string.Join(", ", Names)}.{hint}";
    }

    private static string? Whole(string key, JsonElement value, int min)
    {
        var d = Number(value);
        var shown = d is { } n ? $", not {n.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
        return d is not { } x || x != Math.Floor(x) || x < min || x > int.MaxValue
            ? $"'{key}' must be a whole number from {min} to {int.MaxValue} (ML.NET's limits){shown}."
            : null;
    }

    private static string? Real(string key, JsonElement value, string range, Func<double, bool> ok)
    {
        var d = Number(value);
        return d is { } x && ok(x)
            ? null
            : $"'{key}' must be a number {range}{(d is { } n ? $", not {n.ToString(CultureInfo.InvariantCulture)}" : string.Empty)}.";
    }

    private static double? Number(JsonElement value)
    {
        double d;
        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out d),
            JsonValueKind.String => double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d),
            _ => (d = 0) == 1,
        };
        return ok && double.IsFinite(d) ? d : null;
    }
}
