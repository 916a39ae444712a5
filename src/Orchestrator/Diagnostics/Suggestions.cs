namespace NumeraiPipeline.Orchestrator.Diagnostics;

/// <summary>"Did you mean" suggestions by edit distance, closest first.</summary>
internal static class Suggestions
{
    public static IReadOnlyList<string> Closest(string input, IEnumerable<string> candidates, int max = 5)
    {
        var limit = Math.Max(2, input.Length / 3);
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select(c => (c, d: Distance(input.ToLowerInvariant(), c.ToLowerInvariant())))
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

    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
