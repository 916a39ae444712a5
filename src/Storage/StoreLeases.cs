using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NumeraiPipeline.Storage;

/// <summary>
/// Expiring leases in a store, so that of several executions sharing the store (overlapping scheduler retries, shards
/// of one job) only one does a piece of work at a time. A lease is the object <c>leases/NAME.json</c>
/// (<see cref="LeaseRecord"/>), taken with a conditional write: created only if absent (GCS <c>ifGenerationMatch=0</c>;
/// a folder: exclusive creation), or taken over from an expired or released holder only if it is still at the
/// generation that was read. Expiry is judged by the reader's clock against the holder's <c>expires_at</c>.
/// </summary>
public sealed class StoreLeases
{
    /// <summary>The key prefix of lease objects.</summary>
    public const string KeyPrefix = "leases/";

    private readonly IRemoteStore store;

    /// <summary>Creates the lease manager over a store (wrap it in <see cref="ResilientRemoteStore"/> for retries).</summary>
    /// <param name="store">The store.</param>
    /// <param name="time">The clock; null for the system clock.</param>
    /// <param name="logger">Where waits are logged; null for none.</param>
    public StoreLeases(IRemoteStore store, TimeProvider? time = null, ILogger? logger = null)
    {
        this.store = store;
        Time = time ?? TimeProvider.System;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The longest pause between two looks at a held lease while waiting.</summary>
    /// <value>Default 2 s.</value>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Called when a waiter pauses because the lease is held (after the pause's timer is set), with the holder and the pause.</summary>
    public Action<LeaseRecord, TimeSpan>? Waiting { get; set; }

    internal ILogger Logger { get; }

    /// <summary>The store key of a lease.</summary>
    /// <param name="name">The lease name: a relative slash-separated path such as <c>numerai.submit/host/model/round-7</c>.</param>
    /// <returns>The key.</returns>
    public static string KeyOf(string name) => KeyPrefix + ObjectKeys.Check(name, "lease name") + ".json";

    /// <summary>Reads who holds a lease (released or expired records included), or null when it was never taken.</summary>
    /// <param name="name">The lease name.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The record, or null.</returns>
    public async Task<LeaseRecord?> ReadAsync(string name, CancellationToken cancellationToken) =>
        await store.ReadVersionedAsync(KeyOf(name), cancellationToken) is { } o ? LeaseRecord.Parse(o.Content) : null;

    /// <summary>
    /// Takes the lease <paramref name="name"/> for <paramref name="ttl"/>, waiting up to <paramref name="wait"/>
    /// while another holder has it (polling; a released lease is taken at once, an expired one taken over).
    /// </summary>
    /// <param name="name">The lease name.</param>
    /// <param name="holder">Who asks, for people (run id, host, process).</param>
    /// <param name="ttl">How long the lease lasts unless renewed.</param>
    /// <param name="wait">How long to wait for another holder; zero to try once.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The lease, or null when another holder kept it for the whole wait.</returns>
    public async Task<StoreLease?> TryAcquireAsync(string name, string holder, TimeSpan ttl, TimeSpan wait, CancellationToken cancellationToken)
    {
        var key = KeyOf(name);
        var token = Guid.NewGuid().ToString("N");
        var deadline = Time.GetUtcNow() + wait;
        var pause = TimeSpan.FromMilliseconds(250);
        var logged = false;
        while (true)
        {
            var now = Time.GetUtcNow();
            var current = await store.ReadVersionedAsync(key, cancellationToken);
            var record = current is null ? null : LeaseRecord.Parse(current.Content);
            if (record is null || !record.IsHeldAt(now))
            {
                var mine = new LeaseRecord(name, holder, token, now, now + ttl, false);
                var generation = await WriteOwnAsync(key, mine, current?.Generation ?? 0, cancellationToken);
                if (generation is not null)
                {
                    return new StoreLease(this, key, mine, generation.Value);
                }

                // Another execution was faster; look again (it now holds it, so the next round waits).
                continue;
            }

            var left = deadline - now;
            if (left <= TimeSpan.Zero)
            {
                Logger.LogInformation("Lease '{Lease}' is held by {Holder} until {ExpiresAt:O}; gave up waiting", name, record.Holder, record.ExpiresAt);
                return null;
            }

            if (!logged)
            {
                Logger.LogInformation("Lease '{Lease}' is held by {Holder} until {ExpiresAt:O}; waiting up to {WaitSeconds:0} s", name, record.Holder, record.ExpiresAt, left.TotalSeconds);
                logged = true;
            }

            var untilExpiry = record.ExpiresAt - now;
            var sleep = new[] { pause, left, untilExpiry > TimeSpan.Zero ? untilExpiry : TimeSpan.FromMilliseconds(1) }.Min();
            var sleeping = Task.Delay(sleep, Time, cancellationToken);
            Waiting?.Invoke(record, sleep);
            await sleeping;
            pause = pause + pause < MaxPollInterval ? pause + pause : MaxPollInterval;
        }
    }

    /// <summary>
    /// A conditional write of this holder's record; when the precondition fails, reads back in case the write did
    /// land and only its answer was lost (a retried request), recognising it by the token.
    /// </summary>
    internal async Task<long?> WriteOwnAsync(string key, LeaseRecord record, long ifGeneration, CancellationToken cancellationToken)
    {
        var written = await store.WriteIfGenerationMatchAsync(key, record.ToBytes(), ifGeneration, cancellationToken);
        if (written is not null)
        {
            return written;
        }

        var back = await store.ReadVersionedAsync(key, cancellationToken);
        return back is not null && LeaseRecord.Parse(back.Content) is { } now && now == record ? back.Generation : null;
    }
}
