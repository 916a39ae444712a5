using Microsoft.Extensions.Logging;
using NumeraiPipeline.Storage;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>
/// The durable side of a run. With a remote store (<c>--store</c>): before the run it pulls the pipeline's artifacts
/// and stamps and the state folders of its stage types, after each stage it pushes what the stage wrote, and its
/// leases live in the store, shared by every execution using it. Without one, leases live in the workspace.
/// Every remote operation goes through <see cref="ResilientRemoteStore"/>: failures surface as
/// <see cref="StorageException"/>s with NP67xx codes, which the executor turns into failed stage records.
/// </summary>
internal sealed class RunStore
{
    private readonly string workspace;
    private readonly WorkspaceSync? sync;
    private readonly StoreLeases leases;
    private readonly ILogger logger;

    public RunStore(string workspace, IRemoteStore? remote, TimeProvider time, ILogger logger)
    {
        this.workspace = Path.GetFullPath(workspace);
        this.logger = logger;
        Remote = remote;
        sync = remote is null ? null : new WorkspaceSync(remote, logger);
        leases = new StoreLeases(remote ?? new ResilientRemoteStore(new LocalDirectoryStore(this.workspace), new StoreRetryOptions { Time = time }, logger), time, logger);
    }

    /// <summary>The remote store, or null when the run has none.</summary>
    public IRemoteStore? Remote { get; }

    public string Workspace => workspace;

    /// <summary>The workspace-relative folder of a stage type's durable state.</summary>
    public static string StatePrefix(string stageType) => $"state/{stageType}/";

    public string StateDirectory(string stageType) => Path.Combine(workspace, "state", stageType);

    /// <summary>Before a run: the pipeline's artifacts, then the state of its stage types, then its stamps (a stamp last, so its outputs are there).</summary>
    /// <param name="stages">Only these stages' artifacts (a task of a sharded run needs only its own); null: every stage's.</param>
    public async Task PullAsync(string pipeline, IEnumerable<string> stageTypes, CancellationToken cancellationToken, IReadOnlyCollection<string>? stages = null)
    {
        if (sync is null)
        {
            return;
        }

        var prefixes = stages is null ? new List<string> { $"artifacts/{pipeline}/" } : stages.Order(StringComparer.Ordinal).Select(s => ArtifactPrefix(pipeline, s)).ToList();
        prefixes.AddRange(stageTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(StatePrefix));
        prefixes.Add($"stamps/{pipeline}/");
        var result = await sync.PullAsync(workspace, prefixes, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Pulled {Count} file(s), {Bytes} bytes, of pipeline {Pipeline} from {Store}; {UpToDate} already up to date", result.Transferred.Count, result.Bytes, pipeline, Remote!.Location, result.UpToDate);
    }

    /// <summary>After a stage: its outputs, then its stamp (workspace-relative paths).</summary>
    public async Task PushAsync(IReadOnlyList<string> relativePaths, CancellationToken cancellationToken)
    {
        if (sync is not null)
        {
            await sync.PushAsync(workspace, relativePaths, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Refreshes one stage type's state from the store (after a lease is taken: the last holder's saves).</summary>
    public async Task PullStateAsync(string stageType, CancellationToken cancellationToken)
    {
        if (sync is not null)
        {
            await sync.PullAsync(workspace, [StatePrefix(stageType)], cancellationToken).ConfigureAwait(false);
        }
    }

    public static string ArtifactPrefix(string pipeline, string stage) => $"artifacts/{pipeline}/{stage}/";

    public static string StampKey(string pipeline, string stage) => $"stamps/{pipeline}/{stage}.json";

    /// <summary>One stage's outputs, then its stamp, from the store (another task finished it).</summary>
    public async Task PullStageAsync(string pipeline, string stage, CancellationToken cancellationToken)
    {
        if (sync is not null)
        {
            await sync.PullAsync(workspace, [ArtifactPrefix(pipeline, stage)], cancellationToken).ConfigureAwait(false);
            var key = StampKey(pipeline, stage);
            if (await Remote!.StatAsync(key, cancellationToken).ConfigureAwait(false) is not null)
            {
                await Remote.DownloadAsync(key, Path.Combine(workspace, key), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The fingerprint of a stage's stamp in the store, or null (no store, no stamp, or not readable as one).</summary>
    public async Task<string?> StoredFingerprintAsync(string pipeline, string stage, CancellationToken cancellationToken)
    {
        var key = StampKey(pipeline, stage);
        if (Remote is null || await Remote.StatAsync(key, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        // Read through a scratch copy: the stamp is a plain object, not a versioned one, in every store.
        var scratch = Path.Combine(workspace, "cache", "store-stamps", Guid.NewGuid().ToString("N") + ".json");
        try
        {
            await Remote.DownloadAsync(key, scratch, cancellationToken).ConfigureAwait(false);
            using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(scratch, cancellationToken).ConfigureAwait(false));
            return json.RootElement.TryGetProperty("fingerprint", out var f) && f.ValueKind == System.Text.Json.JsonValueKind.String ? f.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // A torn or foreign object is no stamp: the stage is not done.
            return null;
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    /// <summary>Who holds a lease now, or null when nobody does.</summary>
    public async Task<LeaseRecord?> ReadLeaseAsync(string name, CancellationToken cancellationToken) =>
        await leases.ReadAsync(name, cancellationToken).ConfigureAwait(false);

    public Task<StoreLease?> TryAcquireLeaseAsync(string name, string holder, TimeSpan ttl, TimeSpan wait, CancellationToken cancellationToken) =>
        leases.TryAcquireAsync(name, holder, ttl, wait, cancellationToken);

    /// <summary>Starts tracking a stage type's state folder for one stage execution.</summary>
    public StateTracker TrackState(string stageType) => new(this, stageType);
}
