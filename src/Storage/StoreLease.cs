using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.Storage;

/// <summary>
/// A lease held in a store (see <see cref="StoreLeases"/>). Renew it before <see cref="ExpiresAt"/> if the work takes
/// longer; dispose it to give it back (a released lease is free for the next holder at once).
/// </summary>
public sealed class StoreLease : IAsyncDisposable
{
    private readonly StoreLeases owner;
    private LeaseRecord record;
    private bool released;

    internal StoreLease(StoreLeases owner, string key, LeaseRecord record, long generation)
    {
        this.owner = owner;
        Key = key;
        this.record = record;
        Generation = generation;
    }

    /// <summary>The lease's name.</summary>
    public string Name => record.Name;

    /// <summary>The store key of the lease object.</summary>
    public string Key { get; }

    /// <summary>Who holds it (this process).</summary>
    public string Holder => record.Holder;

    /// <summary>When it lapses unless renewed.</summary>
    public DateTimeOffset ExpiresAt => record.ExpiresAt;

    /// <summary>The generation of the lease object this holder wrote last.</summary>
    public long Generation { get; private set; }

    /// <summary>
    /// Extends the lease to now + <paramref name="ttl"/>, on the condition that nobody took it over since this holder
    /// wrote it. False when it was lost (it had expired and another execution took it).
    /// </summary>
    /// <param name="ttl">The new time to live from now.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Whether this process still holds it.</returns>
    public async Task<bool> RenewAsync(TimeSpan ttl, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(released, this);
        var renewed = record with { ExpiresAt = owner.Time.GetUtcNow() + ttl };
        var generation = await owner.WriteOwnAsync(Key, renewed, Generation, cancellationToken);
        if (generation is null)
        {
            return false;
        }

        record = renewed;
        Generation = generation.Value;
        return true;
    }

    /// <summary>Gives the lease back (marks it released, on the condition that this holder still has it).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (released)
        {
            return;
        }

        released = true;
        // Conditional on our generation: a lease that lapsed and was taken over must not be released by its old holder.
        await owner.WriteOwnAsync(Key, record with { Released = true, ExpiresAt = owner.Time.GetUtcNow() }, Generation, cancellationToken);
    }

    /// <summary>Releases the lease; a store failure is logged, and the lease then lapses at <see cref="ExpiresAt"/>.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await ReleaseAsync(CancellationToken.None);
        }
        catch (StorageException ex)
        {
            owner.Logger.LogWarning("Lease '{Lease}' could not be released ({Error}); it lapses at {ExpiresAt:O}", Name, ex.Message, ExpiresAt);
        }
    }
}
