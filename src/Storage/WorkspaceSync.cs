using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NumeraiPipeline.Storage;

/// <summary>
/// Mirrors a workspace's stamps and artifacts to a remote store, so a container job resumes from what an earlier
/// job stored. Keys in the store are the files' workspace-relative paths (<c>stamps/PIPELINE/STAGE.json</c>,
/// <c>artifacts/PIPELINE/STAGE/FILE</c>). A stamp is uploaded only after the files it describes, so a stamp in
/// the store always has its outputs there.
/// </summary>
public sealed class WorkspaceSync
{
    private const int Parallelism = 4;
    private readonly IRemoteStore store;
    private readonly ILogger logger;

    /// <summary>Creates the sync over a store.</summary>
    /// <param name="store">The remote store.</param>
    /// <param name="logger">A logger; null for none.</param>
    public WorkspaceSync(IRemoteStore store, ILogger? logger = null)
    {
        this.store = store;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// The workspace-relative prefixes pulled for a pipeline. Default: <c>stamps/NAME/</c> and <c>artifacts/NAME/</c>.
    /// </summary>
    public Func<string, IReadOnlyList<string>> PullPrefixes { get; init; } = name => [$"artifacts/{name}/", $"stamps/{name}/"];

    /// <summary>
    /// Before a run: downloads the pipeline's artifacts, then its stamps, that are missing locally or differ (size or
    /// MD5). Local files the store lacks are left alone. Each download is atomic.
    /// </summary>
    /// <param name="localWorkspaceDir">The workspace folder.</param>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>What was downloaded.</returns>
    public async Task<SyncResult> PullAsync(string localWorkspaceDir, string pipelineName, CancellationToken cancellationToken)
    {
        ObjectKeys.Check(pipelineName, "pipeline name");
        var result = await PullAsync(localWorkspaceDir, PullPrefixes(pipelineName), cancellationToken);
        logger.LogInformation("Pulled {Count} file(s), {Bytes} bytes, of pipeline {Pipeline} from {Store}; {UpToDate} already up to date", result.Transferred.Count, result.Bytes, pipelineName, store.Location, result.UpToDate);
        return result;
    }

    /// <summary>
    /// Downloads the objects under each prefix, in order, that are missing locally or differ (size or MD5). Local
    /// files the store lacks are left alone. Each download is atomic.
    /// </summary>
    /// <param name="localWorkspaceDir">The workspace folder.</param>
    /// <param name="prefixes">Workspace-relative prefixes such as <c>artifacts/daily/</c>, <c>state/numerai.submit/</c>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>What was downloaded.</returns>
    public async Task<SyncResult> PullAsync(string localWorkspaceDir, IEnumerable<string> prefixes, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(localWorkspaceDir);
        var copied = new ConcurrentBag<string>();
        var same = 0;
        long bytes = 0;
        foreach (var prefix in prefixes)
        {
            var objects = new List<RemoteObjectInfo>();
            await foreach (var o in store.ListAsync(prefix, cancellationToken))
            {
                objects.Add(o);
            }

            await Parallel.ForEachAsync(objects, Options(cancellationToken), async (o, ct) =>
            {
                var local = Path.Combine(root, ObjectKeys.Check(o.Key));
                if (await SameAsync(local, o, ct))
                {
                    Interlocked.Increment(ref same);
                    return;
                }

                await store.DownloadAsync(o.Key, local, ct);
                copied.Add(o.Key);
                Interlocked.Add(ref bytes, o.Size);
            });
        }

        return new SyncResult([.. copied.Order(StringComparer.Ordinal)], same, bytes);
    }

    /// <summary>
    /// After a stage: uploads the given workspace-relative files (its outputs and its stamp) that the store lacks or
    /// holds differently. Files under <c>stamps/</c> are uploaded last, after every other file succeeded; a stamp path
    /// that does not exist locally (a <c>cache: never</c> stage) removes that stamp from the store. Any other missing
    /// file is an error (NP6753).
    /// </summary>
    /// <param name="localWorkspaceDir">The workspace folder.</param>
    /// <param name="relativePaths">Workspace-relative paths, e.g. <c>artifacts/daily/train/model.txt</c>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>What was uploaded.</returns>
    public async Task<SyncResult> PushAsync(string localWorkspaceDir, IEnumerable<string> relativePaths, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(localWorkspaceDir);
        var keys = relativePaths.Select(p => ObjectKeys.Check(p, "workspace path")).Distinct(StringComparer.Ordinal).ToList();
        var copied = new ConcurrentBag<string>();
        var removed = new ConcurrentBag<string>();
        var same = 0;
        long bytes = 0;
        foreach (var batch in new[] { keys.Where(k => !IsStamp(k)).ToList(), keys.Where(IsStamp).ToList() })
        {
            await Parallel.ForEachAsync(batch, Options(cancellationToken), async (key, ct) =>
            {
                var local = Path.Combine(root, key);
                if (!File.Exists(local) && IsStamp(key))
                {
                    // No stamp (a cache: never stage, or one deleted before a rerun): the store must not keep one either.
                    if (await store.DeleteAsync(key, ct))
                    {
                        removed.Add(key);
                    }

                    return;
                }

                if (!File.Exists(local))
                {
                    throw new StorageException(StorageErrors.TransferFailed, "upload", key, store.Location, $"the file is not in the workspace {root}", "Push only files the stage wrote.");
                }

                var remote = await store.StatAsync(key, ct);
                if (remote is not null && await SameAsync(local, remote, ct))
                {
                    Interlocked.Increment(ref same);
                    return;
                }

                var info = await store.UploadAsync(local, key, ct);
                copied.Add(key);
                Interlocked.Add(ref bytes, info.Size);
            });
        }

        var result = new SyncResult([.. copied.Order(StringComparer.Ordinal)], same, bytes);
        logger.LogInformation("Pushed {Count} file(s), {Bytes} bytes, to {Store}; {UpToDate} already up to date; {Removed} stale stamp(s) removed", result.Transferred.Count, result.Bytes, store.Location, result.UpToDate, removed.Count);
        return result;
    }

    private static bool IsStamp(string key) => key.StartsWith("stamps/", StringComparison.Ordinal);

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    private static async Task<bool> SameAsync(string localPath, RemoteObjectInfo remote, CancellationToken cancellationToken)
    {
        var file = new FileInfo(localPath);
        if (!file.Exists || file.Length != remote.Size || remote.Md5 is null)
        {
            return false;
        }

        return await FileHashes.Md5Async(localPath, cancellationToken) == remote.Md5;
    }
}
