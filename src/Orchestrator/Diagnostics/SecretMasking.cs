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

    /// <summary>Masks every secret and every piece of one (split at non-alphanumeric characters, 4+ characters) in any letter case.</summary>
    public static string Mask(string text, IReadOnlyList<string> secrets)
    {
        if (secrets.Count == 0)
        {
            return text;
        }

        var pieces = secrets
            .SelectMany(s => s.Split(s.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries).Append(s))
            .Where(p => p.Length >= ShortestPiece)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(p => p.Length);
        foreach (var piece in pieces)
        {
            text = text.Replace(piece, "***", StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }
}
