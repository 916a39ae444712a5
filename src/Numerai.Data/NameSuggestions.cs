using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Data;

/// <summary>Did-you-mean suggestions by edit distance.</summary>
internal static class NameSuggestions
{
    /// <summary>The closest candidate when it is within a third of the name's length (at least 2 edits), else null.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = EditDistance.Between(name, candidate, ignoreCase: true);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        var limit = Math.Max(2, name.Length / 3);
        return bestDistance <= limit ? best : null;
    }

    /// <summary>" Did you mean 'x'?" or empty.</summary>
    public static string Hint(string name, IEnumerable<string> candidates)
    {
        var closest = Closest(name, candidates);
        return closest is null ? string.Empty : $" Did you mean '{closest}'?";
    }
}
