using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>
/// The NP60xx codes of numerai.download and numerai.round; docs/errors.md is generated from this catalogue. The
/// sandbox plugin's codes (NP6005, NP6007) are its own (Numerai.Sandbox's SandboxErrors); API failures keep the
/// client's NP65xx codes.
/// </summary>
[ErrorCatalogue("numerai.download, numerai.round")]
internal static class DownloadErrors
{
    /// <summary>A file in <c>files</c> is not a known Numerai dataset file ({3}: a did-you-mean sentence or nothing).</summary>
    public static readonly ErrorCode UnknownFile = new(
        "NP6001",
        "Unknown dataset file",
        "stage '{0}': option 'files': '{1}' is not a Numerai dataset file this stage knows (known: {2}).{3} Use one of the known names.",
        "Use one of the listed names (at plan time the same check is NP2002).",
        ExitClass.InvalidInput);

    /// <summary>The version is not listed by the API (or the API lists none).</summary>
    public static readonly ErrorCode UnknownVersion = new(
        "NP6002",
        "Unknown dataset version",
        "stage '{0}': option 'version': '{1}' matches no dataset version the API lists ({2}). Use a listed version or 'latest'; if none is listed, check api_url.",
        "Use a listed version or 'latest'.",
        ExitClass.InvalidInput);

    /// <summary>A requested file is not offered for the version.</summary>
    public static readonly ErrorCode FileNotOffered = new(
        "NP6003",
        "File not offered",
        "stage '{0}': {1} not offered for {2} (offered: {3}). Remove it from 'files' or pick another version.",
        "Remove the file from 'files' or pick another version.",
        ExitClass.InvalidInput);

    /// <summary>No round is open, so the current round's files cannot be fetched (declined, not failed).</summary>
    public static readonly ErrorCode RoundNotOpen = new(
        "NP6004",
        "No round open (declined)",
        "no Numerai round is open ({0}), so the current files cannot be fetched; run again when the next round opens, or set 'round' to fetch a past round's files",
        "Run when the next round opens, or set 'round'.",
        ExitClass.Declined);

    /// <summary>The api_url option is not an absolute http(s) URL ({1}: what is wrong and how to fix it).</summary>
    public static readonly ErrorCode BadApiUrl = new(
        "NP6006",
        "Bad api_url",
        "stage '{0}': option 'api_url': {1}",
        "Give an absolute http(s) URL (at plan time the same check is NP2002).",
        ExitClass.InvalidInput);

    /// <summary>numerai.round declined: no round opened within max_wait (or waiting was off).</summary>
    public static readonly ErrorCode NoRoundOpened = new(
        "NP6010",
        "No round opened (declined)",
        "no Numerai round {0}; the round is missed for this run. Run at the round's open time, or let the stage wait longer (wait_for_open: true, a larger max_wait).",
        "Run at the round's time, or raise max_wait.",
        ExitClass.Declined);

    /// <summary>numerai.round declined: the round's on-time (staking) window is over or nearly over.</summary>
    public static readonly ErrorCode RoundMissed = new(
        "NP6011",
        "Round missed (declined)",
        "{0}: the round is missed; {1}",
        "Set allow_late: true to submit late.",
        ExitClass.Declined);

    /// <summary>numerai.round: a duration option cannot be read.</summary>
    public static readonly ErrorCode BadDuration = new(
        "NP6012",
        "Bad duration",
        "option '{0}': '{1}' is not a duration; write it as 90m, 2h, 45s, a number of seconds or hh:mm:ss",
        "Write 90m, 2h, 45s, 1d, seconds or hh:mm:ss (at plan time the same check is NP2002).",
        ExitClass.InvalidInput);
}
