using System.Text.Json;

namespace NumeraiPipeline.Orchestrator.Diagnostics;

/// <summary>
/// Keeps an option error from echoing a secret the option's value was built from: not only the whole secret (the
/// secret store does that) but any piece of it a plugin may have split off (at '=', ',', ':' ...) or re-cased.
/// </summary>
internal static class SecretMasking
{
    private const int ShortestPiece = 4;

    /// <summary>The secrets among <paramref name="secrets"/> that occur in <paramref name="value"/> (a bound option's JSON).</summary>
    public static IReadOnlyList<string> In(System.Text.Json.Nodes.JsonNode? value, IEnumerable<string> secrets)
    {
        if (value is null)
        {
            return [];
        }

        var json = value.ToJsonString();
        return secrets.Where(s => s.Length > 0 && (json.Contains(s, StringComparison.OrdinalIgnoreCase) || json.Contains(JsonEncodedText.Encode(s).ToString(), StringComparison.OrdinalIgnoreCase))).ToList();
    }

    /// <summary>
    /// Masks every run of 4 or more characters that also occurs in one of the secrets, in any letter case: the whole
    /// secret, a piece split off at '=' or ',', a re-cased copy, a value glued to its neighbours.
    /// </summary>
    public static string Mask(string text, IReadOnlyList<string> secrets)
    {
        if (secrets.Count == 0 || text.Length < ShortestPiece)
        {
            return text;
        }

        // A message may quote the value as JSON: '+' is then \u002B, which would split a run of the secret.
        secrets = secrets.SelectMany(s => new[] { s, JsonEncodedText.Encode(s).ToString() }).Distinct(StringComparer.Ordinal).ToList();

        var result = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var longest = 0;
            foreach (var secret in secrets)
            {
                longest = Math.Max(longest, LongestSharedRun(text, i, secret));
            }

            if (longest >= ShortestPiece)
            {
                if (result.Length < 3 || result.ToString(result.Length - 3, 3) != "***")
                {
                    result.Append("***");
                }

                i += longest;
            }
            else
            {
                result.Append(text[i]);
                i++;
            }
        }

        return result.ToString();
    }

    /// <summary>The length of the longest prefix of text[start..] that occurs somewhere in the secret, ignoring case.</summary>
    private static int LongestSharedRun(string text, int start, string secret)
    {
        var best = 0;
        for (var j = 0; j < secret.Length; j++)
        {
            var k = 0;
            while (start + k < text.Length && j + k < secret.Length && char.ToUpperInvariant(text[start + k]) == char.ToUpperInvariant(secret[j + k]))
            {
                k++;
            }

            best = Math.Max(best, k);
        }

        return best;
    }
}
