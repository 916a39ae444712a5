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
}
