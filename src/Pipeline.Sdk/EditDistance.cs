namespace NumeraiPipeline.Sdk;

/// <summary>
/// The Levenshtein distance between two names (insertions, deletions and substitutions), for the "Did you mean
/// '...'?" hints that error messages give for a misspelt option, parameter, column or file name.
/// </summary>
public static class EditDistance
{
    /// <summary>The number of single-character edits that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    /// <param name="a">One name.</param>
    /// <param name="b">The other name.</param>
    /// <param name="ignoreCase">Compare characters after <see cref="char.ToLowerInvariant"/>.</param>
    public static int Between(string a, string b, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var x = ignoreCase ? char.ToLowerInvariant(a[i - 1]) : a[i - 1];
            for (var j = 1; j <= b.Length; j++)
            {
                var y = ignoreCase ? char.ToLowerInvariant(b[j - 1]) : b[j - 1];
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (x == y ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
