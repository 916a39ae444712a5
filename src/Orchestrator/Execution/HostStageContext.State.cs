using System.Globalization;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.Storage;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>Durable state and leases of a stage (see <see cref="RunStore"/>); store failures become NP67xx stage failures with exit code 3.</summary>
internal sealed partial class HostStageContext
{
    private readonly List<HostStageLease> leases = [];

    public override string StateDirectory
    {
        get
        {
            Directory.CreateDirectory(state.Directory);
            return state.Directory;
        }
    }

    /// <summary>Who holds a lease this stage takes, as other executions see it.</summary>
    public string LeaseHolder => string.Create(CultureInfo.InvariantCulture, $"run {runId} of '{pipelineName}', stage '{stageId}', on {Environment.MachineName} (pid {Environment.ProcessId})");

    public override async Task SaveStateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await state.PushChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex)
        {
            throw StoreFailure(ex, "its state could not be saved to the store");
        }
    }

    public override async Task<StageLease?> TryAcquireLeaseAsync(string name, TimeSpan ttl, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        try
        {
            var lease = await store.TryAcquireLeaseAsync(name, LeaseHolder, ttl, wait, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                return null;
            }

            var held = new HostStageLease(lease, logger);
            lock (leases)
            {
                leases.Add(held);
            }

            // The previous holder saved its state before giving the lease back: see it.
            await state.RefreshAsync(cancellationToken).ConfigureAwait(false);
            return held;
        }
        catch (StorageException ex)
        {
            throw StoreFailure(ex, $"the lease '{name}' could not be taken");
        }
    }

    /// <summary>Gives back every lease the stage did not dispose itself (called when the stage ends).</summary>
    public async Task ReleaseLeasesAsync()
    {
        HostStageLease[] held;
        lock (leases)
        {
            held = [.. leases];
            leases.Clear();
        }

        foreach (var lease in held)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
    }

    private StageException StoreFailure(StorageException ex, string what) =>
        new(ex.Code, secrets.Redact($"stage '{stageId}': {what}: {ex.Message}"), ex) { ExitCode = 3 };
}
