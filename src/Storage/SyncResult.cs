namespace NumeraiPipeline.Storage;

/// <summary>What a pull or push did.</summary>
/// <param name="Transferred">The workspace-relative paths copied (downloaded or uploaded).</param>
/// <param name="UpToDate">How many files were already identical on both sides.</param>
/// <param name="Bytes">Bytes copied.</param>
public sealed record SyncResult(IReadOnlyList<string> Transferred, int UpToDate, long Bytes);
