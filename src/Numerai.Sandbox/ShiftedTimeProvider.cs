namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>
/// A clock that starts at a chosen instant and runs on at a chosen speed from there (sandbox seconds per real
/// second), so rounds can be watched opening, closing and resolving: <c>sandbox --now 2026-05-01T13:30:00Z --speed 3600</c>.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private readonly TimeProvider inner;
    private readonly DateTimeOffset start;
    private readonly DateTimeOffset innerStart;
    private readonly double speed;

    /// <summary>Creates the clock.</summary>
    /// <param name="start">The instant it shows now.</param>
    /// <param name="speed">Sandbox seconds per real second (1 = real time).</param>
    /// <param name="inner">The real clock (default the system clock).</param>
    public ShiftedTimeProvider(DateTimeOffset start, double speed = 1.0, TimeProvider? inner = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        this.inner = inner ?? System;
        this.start = start.ToUniversalTime();
        this.speed = speed;
        innerStart = this.inner.GetUtcNow();
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks((long)((inner.GetUtcNow() - innerStart).Ticks * speed));
}
