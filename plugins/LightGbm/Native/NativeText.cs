using System.Text.RegularExpressions;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>
/// Makes text from LightGBM's native library fit to show: without the source locations of LightGBM's build machine
/// (<c>Check failed: (num_leaves) &gt; (1) at /__w/1/s/src/io/config_auto.cpp, line 344 .</c>) and without secrets,
/// including the lower-cased copies LightGBM makes of enum values (<c>Unknown boosting type ...</c>).
/// </summary>
internal static partial class NativeText
{
    /// <summary>
    /// Removes build paths, then redacts: first every registered secret (<see cref="ISecretStore.Redact"/>), then,
    /// in any letter case, every parameter value that holds a secret.
    /// </summary>
    /// <param name="text">LightGBM's text.</param>
    /// <param name="secrets">The run's secrets.</param>
    /// <param name="parameterValues">The values of the parameter string LightGBM was given.</param>
    public static string Clean(string text, ISecretStore secrets, IEnumerable<string> parameterValues)
    {
        text = WithoutBuildPaths(text);
        text = secrets.Redact(text);
        foreach (var value in parameterValues)
        {
            if (value.Length >= 3 && secrets.Redact(value) is var redacted && redacted != value)
            {
                text = Regex.Replace(text, Regex.Escape(value), redacted.Replace("$", "$$", StringComparison.Ordinal), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            }
        }

        return text;
    }

    /// <summary>
    /// Registers the letter-case variants LightGBM may print of every parameter value that holds a secret, so that the
    /// host redacts them wherever they go (logs, spans, errors, webhook bodies), not only in text cleaned here.
    /// </summary>
    public static void RegisterCaseVariants(ISecretStore secrets, IEnumerable<string> parameterValues)
    {
        foreach (var value in parameterValues)
        {
            if (value.Length >= 3 && secrets.Redact(value) != value)
            {
                secrets.Register(value.ToLowerInvariant());
                secrets.Register(value.ToUpperInvariant());
            }
        }
    }

    /// <summary>Drops "at FILE, line N ." clauses and shortens any other source path of the build to its file name.</summary>
    public static string WithoutBuildPaths(string text)
    {
        text = LocationClause().Replace(text, string.Empty);
        text = SourcePath().Replace(text, m => m.Groups["file"].Value);
        return BuildDirectory().Replace(text, m => m.Groups["last"].Value);
    }

    [GeneratedRegex(@"\s+at\s+\S+?\.(?:cpp|cc|cxx|c|hpp|h|cu|cuh),\s*line\s+\d+\s*\.?", RegexOptions.CultureInvariant)]
    private static partial Regex LocationClause();

    [GeneratedRegex(@"(?:[A-Za-z]:)?(?:[\\/][^\s\\/:,;'""()]+)*[\\/](?<file>[^\s\\/:,;'""()]+\.(?:cpp|cc|cxx|c|hpp|h|cu|cuh))\b", RegexOptions.CultureInvariant)]
    private static partial Regex SourcePath();

    // The checkout folder of LightGBM's CI (Azure Pipelines: /__w/1/s on Linux, D:\a\1\s on Windows).
    [GeneratedRegex(@"(?:/__w/\d+/s|[A-Za-z]:\\a\\\d+\\s)(?:[\\/][^\s\\/:,;'""()]+)*[\\/](?<last>[^\s\\/:,;'""()]+)", RegexOptions.CultureInvariant)]
    private static partial Regex BuildDirectory();
}
