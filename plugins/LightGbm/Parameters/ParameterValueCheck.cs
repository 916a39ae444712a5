using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm.Parameters;

/// <summary>
/// Checks one parameter value the way LightGBM reads it (config.h GetInt/GetDouble/GetBool, the enum parsers of
/// config.cpp, the CHECK_* of config_auto.cpp), but stricter where LightGBM is silently lenient: an integer beyond 32
/// bits (LightGBM's Atoi wraps it around), a non-finite double, an unknown enum value LightGBM would ignore (metric,
/// monotone_constraints_method). A message shows a value only when it is a plain number or true/false: any other text
/// may come from a secret.
/// </summary>
internal static partial class ParameterValueCheck
{
    /// <summary>The problem with <paramref name="text"/> as the value of <paramref name="rule"/>, or null.</summary>
    /// <param name="rule">The parameter.</param>
    /// <param name="label">How to name the parameter in the message, e.g. <c>'max_leaves' (LightGBM's 'num_leaves')</c>.</param>
    /// <param name="text">The value exactly as it goes into LightGBM's parameter string.</param>
    public static string? Problem(ParameterRule rule, string label, string text)
    {
        if (text.Length == 0)
        {
            return $"{label} has an empty value. Give it a value or remove it.";
        }

        return rule.Type switch
        {
            ParameterType.Int => Int(rule, label, text),
            ParameterType.Double => Double(rule, label, text),
            ParameterType.Bool => IsBool(text) ? null : $"{label} must be true or false{Not(text)}.",
            ParameterType.Enum => rule.Value(text) is null ? $"{label} must be one of {Names(rule)}.{DidYouMean(rule, text)}" : null,
            ParameterType.EnumList => EnumList(rule, label, text),
            ParameterType.IntList => List(label, text, rule.Name == "monotone_constraints" ? MonotoneEntry : IntEntry),
            ParameterType.DoubleList => List(label, text, DoubleEntry),
            ParameterType.IntListList => IntListListPattern().IsMatch(text) ? null : $"{label} must be lists of feature indices, e.g. [[0, 1], [2, 3]].",
            ParameterType.IntListOrNames => text.StartsWith("name:", StringComparison.Ordinal) ? null : List(label, text, IntEntry, " (or name:col1,col2)"),
            _ => null,
        };
    }

    /// <summary>The value as shown in a message: only plain numbers and booleans (anything else may hold a secret).</summary>
    public static string? Shown(string text) =>
        NumberPattern().IsMatch(text) || IsBool(text) ? text : null;

    /// <summary>Reads an integer as LightGBM would, or null when it is not one or beyond 32 bits.</summary>
    public static int? ReadInt(string text) =>
        IntPattern().IsMatch(text) && BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big) && big >= int.MinValue && big <= int.MaxValue
            ? (int)big
            : null;

    /// <summary>Reads a finite double, or null.</summary>
    public static double? ReadDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    /// <summary>Reads a LightGBM boolean (true/false/+/-, any case), or null.</summary>
    public static bool? ReadBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "+" => true,
        "false" or "-" => false,
        _ => null,
    };

    private static bool IsBool(string text) => ReadBool(text) is not null;

    private static string? Int(ParameterRule rule, string label, string text)
    {
        if (!IntPattern().IsMatch(text))
        {
            return $"{label} must be a whole number{Not(text)}.";
        }

        if (ReadInt(text) is not { } value)
        {
            return $"{label} = {text} is beyond LightGBM's 32-bit integer range ({int.MinValue} to {int.MaxValue}).";
        }

        return Range(rule, label, value, text);
    }

    private static string? Double(ParameterRule rule, string label, string text) =>
        ReadDouble(text) is { } value ? Range(rule, label, value, text) : $"{label} must be a finite number{Not(text)}.";

    private static string? Range(ParameterRule rule, string label, double value, string text) =>
        rule.Checks.All(c => c.Passes(value))
            ? null
            : $"{label} must be {string.Join(" and ", rule.Checks)} (LightGBM's limits), not {text}.";

    private static string? EnumList(ParameterRule rule, string label, string text)
    {
        var entries = text.Split(',');
        for (var i = 0; i < entries.Length; i++)
        {
            if (rule.Value(entries[i]) is null)
            {
                var which = entries.Length == 1 ? string.Empty : $" (entry {i + 1} of {entries.Length})";
                return $"{label}{which} must be one of {Names(rule)}.{DidYouMean(rule, entries[i])}";
            }
        }

        return null;
    }

    private static string? List(string label, string text, Func<string, string?> entry, string alternative = "")
    {
        var entries = text.Split(',');
        for (var i = 0; i < entries.Length; i++)
        {
            if (entry(entries[i]) is { } what)
            {
                var shown = Shown(entries[i]) is { } s ? $" ({s})" : string.Empty;
                return $"{label} must be {what}{alternative}; entry {i + 1} of {entries.Length} is not{shown}.";
            }
        }

        return null;
    }

    private static string? IntEntry(string text) => ReadInt(text) is null ? "a list of 32-bit whole numbers" : null;

    private static string? MonotoneEntry(string text) => ReadInt(text) is -1 or 0 or 1 ? null : "a list of -1, 0 and 1 (decreasing, none, increasing)";

    private static string? DoubleEntry(string text) => ReadDouble(text) is null ? "a list of finite numbers" : null;

    private static string Not(string text) => Shown(text) is { } shown ? $", not {shown}" : string.Empty;

    private static string Names(ParameterRule rule) => string.Join(", ", rule.Values.Select(v => v.Name));

    private static string DidYouMean(ParameterRule rule, string text)
    {
        var best = rule.Values
            .SelectMany(v => v.Aliases.Prepend(v.Name))
            .Select(n => (Name: n, Distance: EditDistance.Between(text, n, ignoreCase: true)))
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, text.Length / 3) ? $" Did you mean '{best.Name}'?" : string.Empty;
    }

    [GeneratedRegex(@"^[+-]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^\[[0-9]+(,[0-9]+)*\](,\[[0-9]+(,[0-9]+)*\])*$")]
    private static partial Regex IntListListPattern();
}
