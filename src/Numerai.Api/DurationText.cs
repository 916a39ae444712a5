using System.Globalization;
using System.Text.RegularExpressions;

namespace NumeraiPipeline.Numerai.Api;

/// <summary>Reads durations written as 90m, 2h, 45s, 1d, a number of seconds, or hh:mm:ss (stage options such as poll_interval).</summary>
public static partial class DurationText
{
    /// <summary>The accepted forms, for messages.</summary>
    public const string Forms = "Write it as 90m, 2h, 45s, 1d, a number of seconds or hh:mm:ss";

    /// <summary>Parses a duration; false for anything else, a negative or an overflowing value.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The duration.</param>
    /// <returns>Whether it was a duration.</returns>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (!double.IsFinite(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds)
            {
                return false;
            }

            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        var unit = text[^1];
        if ("smhd".Contains(unit, StringComparison.Ordinal) && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && double.IsFinite(amount) && amount >= 0)
        {
            var scale = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 86400 };
            if (amount * scale > TimeSpan.MaxValue.TotalSeconds)
            {
                return false;
            }

            value = TimeSpan.FromSeconds(amount * scale);
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
    }

    /// <summary>A " Did you mean '2h'?" for a duration spelt out in words ("2 hours", "90 min"), or empty.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The hint.</returns>
    public static string Suggest(string? text)
    {
        var m = WordsPattern().Match(text?.Trim() ?? string.Empty);
        if (!m.Success)
        {
            return string.Empty;
        }

        var unit = char.ToLowerInvariant(m.Groups["unit"].Value[0]);
        return $" Did you mean '{m.Groups["amount"].Value}{unit}'?";
    }

    [GeneratedRegex(@"^(?<amount>[0-9]+(\.[0-9]+)?)\s*(?<unit>sec(ond)?s?|min(ute)?s?|h(ou)?rs?|hours?|days?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WordsPattern();
}
