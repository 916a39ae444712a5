namespace NumeraiPipeline.Orchestrator.Scheduling;

/// <summary>How a scheduled run that failed is retried: every <see cref="Every"/>, while within <see cref="Window"/> of its tick.</summary>
internal sealed record RetryPolicy(TimeSpan Every, TimeSpan Window)
{
    public static readonly RetryPolicy None = new(TimeSpan.Zero, TimeSpan.Zero);
}
