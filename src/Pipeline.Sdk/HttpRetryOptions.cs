namespace NumeraiPipeline.Sdk;

/// <summary>Retry and timeout settings for <see cref="StageContext.CreateHttpClient"/>.</summary>
public sealed record HttpRetryOptions
{
    /// <summary>Attempts in all, the first included.</summary>
    /// <value>Default 4.</value>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first backoff delay; doubled each retry, with full jitter.</summary>
    /// <value>Default 0.5 s.</value>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Timeout of each attempt.</summary>
    /// <value>Default 100 s.</value>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Whether non-idempotent requests (POST) are retried too. GraphQL queries are safe to retry.</summary>
    /// <value>Default false.</value>
    public bool RetryNonIdempotent { get; init; }
}
