namespace NumeraiPipeline.Storage;

/// <summary>How <see cref="ResilientRemoteStore"/> retries: exponential backoff within a time budget per operation.</summary>
public sealed record StoreRetryOptions
{
    /// <summary>The default budget of one operation.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(60);

    /// <summary>How long one operation (a listing, an upload, a lease write) may keep retrying before it fails with NP6756.</summary>
    /// <value>Default 60 s.</value>
    public TimeSpan Budget { get; init; } = DefaultBudget;

    /// <summary>The first delay between attempts; doubled after each failure up to <see cref="MaxDelay"/>.</summary>
    /// <value>Default 0.5 s.</value>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between attempts.</summary>
    /// <value>Default 8 s.</value>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// How long one attempt of a metadata operation may take before it counts as a timeout (and is retried).
    /// Null: a third of the budget, at least 5 s (a loaded machine must not turn a slow answer into a fault) and at
    /// most 20 s.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>The slowest transfer rate an upload or download attempt is allowed: its timeout grows with the size.</summary>
    /// <value>Default 1 MiB/s.</value>
    public long MinBytesPerSecond { get; init; } = 1 << 20;

    /// <summary>The clock of delays and timeouts; tests pass a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The attempt timeout in effect.</summary>
    public TimeSpan EffectiveAttemptTimeout => AttemptTimeout ?? TimeSpan.FromTicks(Math.Clamp(Budget.Ticks / 3, TimeSpan.FromSeconds(5).Ticks, TimeSpan.FromSeconds(20).Ticks));

    /// <summary>The timeout of one attempt moving <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The size, or null when unknown.</param>
    /// <returns>The attempt timeout.</returns>
    public TimeSpan TransferTimeout(long? bytes) =>
        EffectiveAttemptTimeout + TimeSpan.FromSeconds((double)(bytes ?? 64L << 20) / Math.Max(1, MinBytesPerSecond));
}
