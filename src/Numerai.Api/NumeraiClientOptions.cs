namespace NumeraiPipeline.Numerai.Api;

/// <summary>Settings of a <see cref="NumeraiClient"/>.</summary>
public sealed record NumeraiClientOptions
{
    /// <summary>The real endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api-tournament.numer.ai");

    /// <summary>The environment variable that overrides the endpoint.</summary>
    public const string ApiUrlVariable = "NUMERAI_API_URL";

    /// <summary>The GraphQL endpoint (requests go to its path, normally <c>/</c>).</summary>
    /// <value>Default <see cref="DefaultEndpoint"/>.</value>
    public Uri Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>The keys, or null for public operations only.</summary>
    public NumeraiCredentials? Credentials { get; init; }

    /// <summary>The tournament id.</summary>
    /// <value>Default 8 (classic).</value>
    public int Tournament { get; init; } = 8;

    /// <summary>Timeout of each GraphQL attempt.</summary>
    /// <value>Default 60 s.</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout without progress of a file download or upload (reset by every block received or sent).</summary>
    /// <value>Default 120 s.</value>
    public TimeSpan TransferIdleTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Attempts in all (first included) for 5xx, timeouts and connection failures.</summary>
    /// <value>Default 4.</value>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first backoff delay, doubled each retry, with jitter (50–100 % of the step).</summary>
    /// <value>Default 1 s.</value>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Resolves the endpoint: <paramref name="configured"/> (a pipeline option) if set, else NUMERAI_API_URL, else the
    /// real endpoint.
    /// </summary>
    /// <param name="configured">The configured URL, or null/empty.</param>
    /// <param name="environment">Reads an environment variable (defaults to the process environment).</param>
    /// <returns>The endpoint.</returns>
    public static Uri ResolveEndpoint(string? configured, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var text = !string.IsNullOrWhiteSpace(configured) ? configured : environment(ApiUrlVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultEndpoint;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{text}' is not an http(s) URL. Set api_url or {ApiUrlVariable} to e.g. https://api-tournament.numer.ai.");
        }

        return uri;
    }
}
