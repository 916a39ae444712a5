using Microsoft.Extensions.Logging;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.Storage;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>A <see cref="StoreLease"/> as a stage sees it; disposing twice is harmless (the host disposes leftovers).</summary>
internal sealed class HostStageLease(StoreLease lease, ILogger logger) : StageLease
{
    private int disposed;

    public override string Name => lease.Name;

    public override DateTimeOffset ExpiresAt => lease.ExpiresAt;

    public override async Task<bool> RenewAsync(TimeSpan ttl, CancellationToken cancellationToken)
    {
        try
        {
            return await lease.RenewAsync(ttl, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex)
        {
            throw new StageException(ex.Code, $"the lease '{Name}' could not be renewed: {ex.Message}", ex) { ExitCode = 3 };
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            logger.LogDebug("Lease '{Lease}' released", Name);
        }
    }
}
