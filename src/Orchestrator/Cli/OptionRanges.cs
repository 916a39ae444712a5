using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>
/// Every numeric command-line option declares its range here: an out-of-range value is an exit-2 argument error
/// (NP2005) before anything runs. The registry lets a test walk every command and try the values just outside.
/// </summary>
internal static class OptionRanges
{
    private static readonly ConcurrentDictionary<Option, (object Min, object Max)> Declared = new();

    public static IReadOnlyDictionary<Option, (object Min, object Max)> All => Declared;

    public static Option<T> InRange<T>(this Option<T> option, T min, T max)
        where T : struct, IComparable<T>
    {
        Declared[option] = (min, max);
        option.Validators.Add(result =>
        {
            if (!TryGet<T>(result, out var value))
            {
                return;
            }

            if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
            {
                result.AddError($"{option.Name} must be between {Text(min)} and {Text(max)}, not {Text(value)}.");
            }
        });
        return option;
    }

    public static Option<T?> InRange<T>(this Option<T?> option, T min, T max)
        where T : struct, IComparable<T>
    {
        Declared[option] = (min, max);
        option.Validators.Add(result =>
        {
            if (TryGet<T?>(result, out var found) && found is { } value && (value.CompareTo(min) < 0 || value.CompareTo(max) > 0))
            {
                result.AddError($"{option.Name} must be between {Text(min)} and {Text(max)}, not {Text(value)}.");
            }
        });
        return option;
    }

    /// <summary>The option's value, or false when it does not parse (the parser then reports that error itself).</summary>
    private static bool TryGet<T>(System.CommandLine.Parsing.OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    private static string Text(object value) => value switch
    {
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
