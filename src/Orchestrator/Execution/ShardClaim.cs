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
    private readonly ITimer? heartbeat;

    private ShardClaim(StoreLease? lease, ITimer? heartbeat, bool pulled)
    {
        this.lease = lease;
        this.heartbeat = heartbeat;
        Pulled = pulled;
    }

    /// <summary>The stage's stamp and outputs came from the store: another task (or an earlier attempt) did it.</summary>
    public bool Pulled { get; }

    public static ShardClaim FromStore() => new(null, null, true);

    public static ShardClaim Holding(StoreLease lease, TimeSpan ttl, TimeProvider time, ILogger logger)
    {
        var every = ttl / 3;
        var timer = time.CreateTimer(_ => _ = RenewAsync(lease, ttl, logger), null, every, every);
        return new ShardClaim(lease, timer, false);
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

        if (lease is not null)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
    }
}
