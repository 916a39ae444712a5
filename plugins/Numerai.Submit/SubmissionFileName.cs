namespace NumeraiPipeline.Plugins.Numerai.Submit;

/// <summary>
/// The uploaded file's name carries the content hash: <c>MODEL-&lt;first 16 hex of the CSV's SHA-256&gt;.csv</c>.
/// Numerai keeps it (appending a random suffix: <c>MODEL-HASH-Ab12Cd34Ef56.csv</c>) and lists it in
/// <c>submissions { filename }</c>, so the round's latest submission tells whether these predictions are already in,
/// even when no ledger survived.
/// </summary>
internal static class SubmissionFileName
{
    public const int HashLength = 16;

    public static string For(string model, string sha256) => $"{Stem(model, sha256)}.csv";

    /// <summary>Whether a server-side name is the upload of these predictions (the stem as a prefix: the service may append to it).</summary>
    public static bool Matches(string? serverName, string model, string sha256) =>
        serverName is not null && Path.GetFileName(serverName).StartsWith(Stem(model, sha256), StringComparison.Ordinal);

    private static string Stem(string model, string sha256) =>
        $"{string.Concat(model.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_'))}-{sha256[..HashLength]}";
}
