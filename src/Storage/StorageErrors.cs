using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Storage;

/// <summary>
/// The NP675x and NP676x codes of the remote artifact store (the NP67xx range is shared with the cloud trigger, NP679x);
/// docs/errors.md is generated from this catalogue. The host loads this library itself (it is no plugin), and every
/// store failure ends a run with exit code 3 (the environment). A <see cref="StorageException"/> carries one.
/// </summary>
[ErrorCatalogue("remote artifact store (Storage, loaded by the host)")]
public static class StorageErrors
{
    /// <summary>The store URI is not <c>gs://bucket[/prefix]</c>, <c>file:///path</c> or a local path.</summary>
    public static readonly ErrorCode InvalidUri = new("NP6751", "Bad store URI", "The store URI '{0}' {1}. Use gs://BUCKET/PREFIX for Google Cloud Storage (a bucket of 3-63 lower-case letters, digits, '-', '_' or '.'), or file:///PATH or a directory path for a local or mounted folder.", "Pass --store gs://BUCKET/PREFIX, file:///PATH or a directory.", ExitClass.Environment);

    /// <summary>A key or a workspace-relative path is empty, absolute, or leaves its root (<c>..</c>).</summary>
    public static readonly ErrorCode InvalidKey = new("NP6752", "Bad store key", "The {0} '{1}' is not a relative slash-separated path inside the store. Use a path such as 'artifacts/daily/train/model.txt' without '..', '.' or empty segments.", "Use a relative path without '..', '.' or empty segments.", ExitClass.Environment);

    /// <summary>One attempt of an upload, download, listing or deletion failed ({3} what happened, {4} how to fix).</summary>
    public static readonly ErrorCode TransferFailed = new("NP6753", "Store operation failed", "Cannot {0} '{1}' in {2}: {3}. {4}", "Check the network and the store URI; transient failures are retried within --store-budget.", ExitClass.Environment);

    /// <summary>A downloaded file's hash differs from the stored object's.</summary>
    public static readonly ErrorCode HashMismatch = new("NP6754", "Download corrupt", "The download of '{0}' from {1} does not match the object's hash ({2}). Retry; if it persists, re-upload the object.", "Run again; if it persists, re-upload the object.", ExitClass.Environment);

    /// <summary>The bucket does not exist, the credentials may not use it, or there are none ({1} which, {2} how to fix).</summary>
    public static readonly ErrorCode BucketUnavailable = new("NP6755", "Bucket unavailable", "Cannot use {0}: {1}. {2}", "Create the bucket, grant roles/storage.objectAdmin, or log in (gcloud auth application-default login).", ExitClass.Environment);

    /// <summary>The store kept failing (unreachable, 5xx, timeouts) for the whole retry budget of one operation.</summary>
    public static readonly ErrorCode Unavailable = new("NP6756", "Store unavailable", "The store {0} could not {1} '{2}': {3} attempt(s) {4} (budget {5} s) all failed; the last: {6}. Check the network, the bucket and its permissions, then run again.", "Check the network and the bucket, then run again (--store-budget sets the budget).", ExitClass.Environment);

    /// <summary>A task of a sharded run waited longer than --shard-wait for a stage another task holds the lease of.</summary>
    public static readonly ErrorCode ShardWaitExceeded = new("NP6761", "Shard wait exceeded", "waited {0} (--shard-wait) for stage '{1}', which {2} holds the lease of in {3}, and its stamp never reached the store. Raise --shard-wait, or look at why that task is slow or stuck; a rerun resumes from the store.", "Raise --shard-wait, or see why the holding task is slow or stuck (its log).", ExitClass.Environment);

    // next free: NP6757 (store), NP6762 (sharding); NP679x are the cloud trigger's

    /// <summary>Every code of the catalogue (declared last: the fields above are set first).</summary>
    public static IReadOnlyList<ErrorCode> All { get; } = [InvalidUri, InvalidKey, TransferFailed, HashMismatch, BucketUnavailable, Unavailable, ShardWaitExceeded];
}
