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
    public async Task PullAsync(string pipeline, IEnumerable<string> stageTypes, CancellationToken cancellationToken)
    {
        if (sync is null)
        {
            return;
        }

        var prefixes = new List<string> { $"artifacts/{pipeline}/" };
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

    public Task<StoreLease?> TryAcquireLeaseAsync(string name, string holder, TimeSpan ttl, TimeSpan wait, CancellationToken cancellationToken) =>
        leases.TryAcquireAsync(name, holder, ttl, wait, cancellationToken);

    /// <summary>Starts tracking a stage type's state folder for one stage execution.</summary>
    public StateTracker TrackState(string stageType) => new(this, stageType);
}
