namespace NumeraiPipeline.Storage;

/// <summary>The NP675x codes of the remote artifact store (the NP67xx bucket is shared with the scheduler).</summary>
public static class StorageCodes
{
    /// <summary>The store URI is not <c>gs://bucket[/prefix]</c>, <c>file:///path</c> or a local path.</summary>
    public const string InvalidUri = "NP6751";

    /// <summary>A key or a workspace-relative path is empty, absolute, or leaves its root (<c>..</c>).</summary>
    public const string InvalidKey = "NP6752";

    /// <summary>An upload, download, listing or deletion failed.</summary>
    public const string TransferFailed = "NP6753";

    /// <summary>A downloaded file's hash differs from the stored object's.</summary>
    public const string HashMismatch = "NP6754";

    /// <summary>The bucket does not exist, or the credentials may not use it.</summary>
    public const string BucketUnavailable = "NP6755";

    /// <summary>The store kept failing (unreachable, 5xx, timeouts) for the whole retry budget of one operation.</summary>
    public const string Unavailable = "NP6756";
}
