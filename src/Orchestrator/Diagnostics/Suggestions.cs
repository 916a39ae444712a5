using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Diagnostics;

/// <summary>"Did you mean" suggestions by edit distance, closest first.</summary>
internal static class Suggestions
{
    public static IReadOnlyList<string> Closest(string input, IEnumerable<string> candidates, int max = 5)
    {
        var limit = Math.Max(2, input.Length / 3);
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select(c => (c, d: EditDistance.Between(input, c, ignoreCase: true)))
            .Where(x => x.d <= limit || x.c.Contains(input, StringComparison.OrdinalIgnoreCase) || input.Contains(x.c, StringComparison.OrdinalIgnoreCase))
            .OrderBy(x => x.d)
            .ThenBy(x => x.c, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.c)
            .ToList();
    }

    /// <summary>" Did you mean 'x'?" or " Did you mean 'x' or 'y'?", or empty.</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates)
    {
        var s = Closest(input, candidates);
        return s.Count switch
        {
            0 => "",
            1 => $" Did you mean '{s[0]}'?",
            _ => $" Did you mean {string.Join(", ", s.Take(s.Count - 1).Select(x => $"'{x}'"))} or '{s[^1]}'?",
        };
    }
}
