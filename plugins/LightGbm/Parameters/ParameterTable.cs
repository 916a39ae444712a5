using System.Collections.Frozen;

namespace NumeraiPipeline.Plugins.LightGbm.Parameters;

/// <summary>
/// Every LightGBM parameter with its type, range checks and enum values, generated from LightGBM's config.h
/// (<see cref="Generated"/>), plus what the generated part cannot see: <c>task</c>, which config.h keeps out of the
/// generated code, and the legacy <c>boosting=goss</c> that LightGBM still accepts (config.cpp GetBoostingType).
/// </summary>
internal static partial class ParameterTable
{
    private static readonly FrozenDictionary<string, ParameterRule> Rules = Build();

    /// <summary>All rules by canonical name.</summary>
    public static IReadOnlyDictionary<string, ParameterRule> All => Rules;

    /// <summary>The rule of a canonical parameter name, or null.</summary>
    public static ParameterRule? Get(string canonicalName) => Rules.GetValueOrDefault(canonicalName);

    private static FrozenDictionary<string, ParameterRule> Build()
    {
        var rules = Generated().ToDictionary(r => r.Name, StringComparer.Ordinal);
        rules["task"] = new ParameterRule("task", ParameterType.Enum, "train")
        {
            // config.cpp GetTaskType
            Values = [new("train", ["training"]), new("predict", ["prediction", "test"]), new("convert_model", []), new("refit", ["refit_tree"]), new("save_binary", [])],
            CliOnly = true,
        };
        var boosting = rules["boosting"];
        rules["boosting"] = boosting with { Values = [.. boosting.Values, new EnumValue("goss", [])] };
        return rules.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
