using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>An option that takes one of a few words.</summary>
internal static class Choice
{
    public static string? Problem(string option, string value, string[] choices)
    {
        if (choices.Contains(value, StringComparer.Ordinal))
        {
            return null;
        }

        var best = choices.OrderBy(c => EditDistance.Between(value, c, ignoreCase: true)).First();
        var hint = EditDistance.Between(value, best, ignoreCase: true) <= Math.Max(2, value.Length / 3) ? $" Did you mean '{best}'?" : string.Empty;
        return $"option '{option}' must be {string.Join(", ", choices.SkipLast(1))} or {choices[^1]}.{hint}";
    }
}
