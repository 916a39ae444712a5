namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>NP60xx codes of numerai.download and numerai.round (listed in docs/errors.md); the sandbox plugin has NP6005/NP6006 too.</summary>
internal static class DownloadErrorCodes
{
    /// <summary>A file in <c>files</c> is not a known Numerai dataset file.</summary>
    public const string UnknownFile = "NP6001";

    /// <summary>The version does not exist in listDatasets.</summary>
    public const string UnknownVersion = "NP6002";

    /// <summary>A requested file is not offered for the version.</summary>
    public const string FileNotOffered = "NP6003";

    /// <summary>No round is open, so the current round's files cannot be fetched (declined, not failed).</summary>
    public const string RoundNotOpen = "NP6004";

    /// <summary>A bad option value (api_url).</summary>
    public const string BadOption = "NP6006";

    /// <summary>numerai.round declined: no round opened within max_wait (or waiting was off).</summary>
    public const string NoRoundOpened = "NP6010";

    /// <summary>numerai.round declined: the round's on-time (staking) window is over or nearly over: the round is missed.</summary>
    public const string RoundMissed = "NP6011";

    /// <summary>numerai.round: a duration option cannot be read.</summary>
    public const string BadDuration = "NP6012";
}
