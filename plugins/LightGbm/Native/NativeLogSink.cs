using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>
/// Where LightGBM's own log lines go while a stage calls LightGBM: the stage's logger, as structured records, cleaned of
/// build paths and secrets, filtered by the <c>verbosity</c> parameter the stage passes (LightGBM keeps its log level
/// per thread, so a call on a thread that never parsed the parameters would log at LightGBM's default, Info).
/// </summary>
internal sealed partial class NativeLogSink(ILogger logger, Func<string, string> clean, int verbosity)
{
    private static readonly EventId LightGbmLog = new(6100, "LightGbmLog");

    /// <summary>Takes one line as LightGBM prints it, e.g. <c>[LightGBM] [Warning] No further splits ...</c>.</summary>
    /// <param name="line">The line without its line break.</param>
    /// <param name="fromStandardStreams">
    /// True for a line LightGBM printed to stdout/stderr itself (captured there): a Fatal line is then the text of the
    /// error the failing call reports, so it is logged at Debug only, not a second time as an error.
    /// </param>
    public void Write(string line, bool fromStandardStreams = false)
    {
        if (line.Length == 0)
        {
            return;
        }

        var match = Prefix().Match(line);
        var (rank, level) = match.Success
            ? match.Groups["level"].Value switch
            {
                "Fatal" => (-1, fromStandardStreams ? LogLevel.Debug : LogLevel.Error),
                "Warning" => (0, LogLevel.Warning),
                "Info" => (1, LogLevel.Information),
                _ => (2, LogLevel.Debug),
            }
            : (1, LogLevel.Information);
        if (rank > verbosity && rank >= 0)
        {
            return;
        }

        var text = clean(match.Success ? line[match.Length..] : line);
        logger.Log(level, LightGbmLog, "LightGBM: {LightGbmMessage}", text);
    }

    [GeneratedRegex(@"^\[LightGBM\] \[(?<level>\w+)\] ?")]
    private static partial Regex Prefix();
}
