namespace NumeraiPipeline.Sdk;

/// <summary>
/// A lease taken with <see cref="StageContext.TryAcquireLeaseAsync"/>: while it is held and not expired, no other
/// execution gets the same name. Dispose it to give it back.
/// </summary>
public abstract class StageLease : IAsyncDisposable
{
    /// <summary>The lease's name.</summary>
    public abstract string Name { get; }

    /// <summary>When it lapses unless renewed; work that may take longer renews it first.</summary>
    public abstract DateTimeOffset ExpiresAt { get; }

    /// <summary>
    /// Extends the lease to now + <paramref name="ttl"/> if this execution still holds it. False when it had
    /// expired and another execution took it over: stop the guarded work then.
    /// </summary>
    /// <param name="ttl">The new time to live.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Whether the lease is still held.</returns>
    public abstract Task<bool> RenewAsync(TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Gives the lease back (a store failure is logged; the lease then lapses at <see cref="ExpiresAt"/>).</summary>
    /// <returns>A task.</returns>
    public abstract ValueTask DisposeAsync();
}
