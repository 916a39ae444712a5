using Microsoft.Extensions.Logging;
using NumeraiPipeline.Storage;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>
/// The outcome of claiming a stage in a sharded run: either another task already stored it (pulled, up to date) or
/// this task holds its lease, renewed in the background until disposed (after the stage's outputs and stamp are pushed).
/// </summary>
internal sealed class ShardClaim : IAsyncDisposable
{
    private readonly StoreLease? lease;
    private ITimer? heartbeat;
    private readonly object gate = new();
    private Task renewing = Task.CompletedTask;

    private ShardClaim(StoreLease? lease, bool pulled)
    {
        this.lease = lease;
        Pulled = pulled;
    }

    /// <summary>The stage's stamp and outputs came from the store: another task (or an earlier attempt) did it.</summary>
    public bool Pulled { get; }

    public static ShardClaim FromStore() => new(null, true);

    public static ShardClaim Holding(StoreLease lease, TimeSpan ttl, TimeProvider time, ILogger logger)
    {
        var claim = new ShardClaim(lease, false);
        var every = ttl / 3;
        claim.heartbeat = time.CreateTimer(_ =>
        {
            lock (claim.gate)
            {
                // One renewal at a time; the release waits for the last one, so it cannot be overtaken by it.
                claim.renewing = claim.renewing.ContinueWith(_ => RenewAsync(lease, ttl, logger), TaskScheduler.Default).Unwrap();
            }
        }, null, every, every);
        return claim;
    }

    private static async Task RenewAsync(StoreLease lease, TimeSpan ttl, ILogger logger)
    {
        try
        {
            if (!await lease.RenewAsync(ttl, CancellationToken.None).ConfigureAwait(false))
            {
                logger.LogWarning("Lease '{Lease}' was taken over by another task; this task's result is still stored, and its stamp matches theirs", lease.Name);
            }
        }
        catch (Exception ex) when (ex is StorageException or ObjectDisposedException)
        {
            logger.LogWarning("Lease '{Lease}' could not be renewed ({Error}); it lapses at {ExpiresAt:O}", lease.Name, ex.Message, lease.ExpiresAt);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (heartbeat is not null)
        {
            await heartbeat.DisposeAsync().ConfigureAwait(false);
        }

        Task last;
        lock (gate)
        {
            last = renewing;
        }

        await last.ConfigureAwait(false);

        if (lease is not null)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
    }
}
