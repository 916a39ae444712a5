namespace NumeraiPipeline.Storage;

/// <summary>Settings for <see cref="RemoteStores.Create"/>.</summary>
public sealed record RemoteStoreOptions
{
    /// <summary>
    /// A GCS-compatible endpoint such as <c>http://127.0.0.1:4443</c> (an emulator) used without credentials.
    /// When null, the environment variable <c>STORAGE_EMULATOR_HOST</c> is honoured, else Google's endpoint with
    /// Application Default Credentials (the metadata server on Cloud Run).
    /// </summary>
    public string? Endpoint { get; init; }

    /// <summary>Looks environment variables up (<c>STORAGE_EMULATOR_HOST</c>); null for the process environment.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>Retry budget, backoff and clock of every operation; null for <see cref="StoreRetryOptions"/>' defaults.</summary>
    public StoreRetryOptions? Retry { get; init; }

    /// <summary>Where retries are logged; null for none.</summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }
}
