using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Plugins.LightGbm.Training;

namespace NumeraiPipeline.Plugins.LightGbm.Parameters;

/// <summary>
/// Everything about lightgbm.train's <c>params</c> that can be checked without data, for plan time: names (unknown,
/// twice), each value against LightGBM's own type and range (<see cref="ParameterTable"/>), parameters that do nothing
/// here, and the cross-parameter checks LightGBM makes when it creates a booster. No message shows a value that is not a
/// plain number or true/false, so a value built from a secret never appears in an error.
/// </summary>
internal static class ParamsValidation
{
    /// <summary>Every problem, as text that follows <c>option 'params': </c>.</summary>
    /// <exception cref="DllNotFoundException">LightGBM's native library (the source of the alias list) cannot be loaded.</exception>
    /// <summary>
    /// <see cref="Problems"/> as validation results of the option 'params' (the options classes of lightgbm.train and
    /// lightgbm.cv). Where LightGBM's native library cannot be loaded, nothing is reported: the stage says so when it runs.
    /// </summary>
    public static IEnumerable<ValidationResult> Results(IReadOnlyDictionary<string, JsonElement> user, int numThreads, int? seed, bool deterministic)
    {
        IReadOnlyList<string> problems;
        try
        {
            problems = Problems(user, numThreads, seed, deterministic);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or LightGbmException)
        {
            problems = [];
        }

        return problems.Select(problem => new ValidationResult($"option 'params': {problem}", ["Params"]));
    }

    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, JsonElement> user, int numThreads, int? seed, bool deterministic)
    {
        var problems = new List<string>();
        var valueProblems = new HashSet<string>(StringComparer.Ordinal);
        var broken = false;
        foreach (var (rawKey, element) in user)
        {
            var key = rawKey.Trim();
            var text = ParameterText.Of(element);
            if (text is null)
            {
                problems.Add($"'{key}' must be a number, a string, true/false or a list, not {Describe(element.ValueKind)}.");
                broken = true;
                continue;
            }

            if (ParameterText.BreaksParameterString(text))
            {
                // Never quote the value here: a space or '=' is typical of a secret or a URL spliced into params.
                problems.Add($"the value of '{key}' contains a space or '=', which LightGBM's 'key=value key=value' parameter string cannot carry.");
                broken = true;
                continue;
            }

            if (!ParameterCatalog.CanonicalNames.TryGetValue(key, out var canonical) || ParameterTable.Get(canonical) is not { } rule)
            {
                continue; // unknown names are reported below, with a suggestion
            }

            var label = key == canonical ? $"'{key}'" : $"'{key}' (LightGBM's '{canonical}')";
            if ((ParameterValueCheck.Problem(rule, label, text) ?? StageParameters.Problem(rule, label, text)) is { } problem)
            {
                problems.Add(problem);
                valueProblems.Add(key);
            }
        }

        if (broken)
        {
            return problems;
        }

        LightGbmParameters parameters;
        try
        {
            parameters = LightGbmParameters.Create(user, numThreads, seed, deterministic);
        }
        catch (ParameterException ex)
        {
            // Names and duplicates; a value it rejects (num_iterations) has been reported above already.
            if (!valueProblems.Contains(ex.Name.Trim()))
            {
                problems.Add(ex.Message);
            }

            return problems;
        }

        if (problems.Count == 0)
        {
            problems.AddRange(ParameterConflicts.Problems(parameters.Values));
        }

        return problems;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "a map",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
