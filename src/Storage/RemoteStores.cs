using Google.Cloud.Storage.V1;

namespace NumeraiPipeline.Storage;

/// <summary>Creates a store from a URI: <c>gs://bucket[/prefix]</c>, <c>file:///path</c> or a plain directory path.</summary>
public static class RemoteStores
{
    /// <summary>The environment variable that selects the store of a run when the pipeline names none.</summary>
    public const string EnvironmentVariable = "NUMERAI_PIPELINE_STORE";

    /// <summary>Creates the store a URI names.</summary>
    /// <param name="uri"><c>gs://bucket/prefix</c>, <c>file:///path</c> or a directory path.</param>
    /// <param name="options">Endpoint override; null for the defaults.</param>
    /// <returns>The store.</returns>
    public static IRemoteStore Create(string uri, RemoteStoreOptions? options = null)
    {
        if (uri.StartsWith("gs://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = uri[5..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var bucket = slash < 0 ? rest : rest[..slash];
            var prefix = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
            if (!IsBucketName(bucket))
            {
                throw new StorageException(StorageCodes.InvalidUri, $"The store URI '{uri}' has no valid bucket name ('{bucket}'). Write gs://BUCKET/PREFIX with a bucket of 3-63 lower-case letters, digits, '-', '_' or '.'.");
            }

            if (prefix.Length > 0)
            {
                ObjectKeys.Check(prefix, "prefix");
            }

            return new GcsRemoteStore(CreateClient(options?.Endpoint ?? Environment.GetEnvironmentVariable("STORAGE_EMULATOR_HOST")), bucket, prefix);
        }

        if (uri.StartsWith("file://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(uri, UriKind.Absolute, out var file))
        {
            return new LocalDirectoryStore(file.LocalPath);
        }

        if (uri.Contains("://", StringComparison.Ordinal) || uri.Trim().Length == 0)
        {
            throw new StorageException(StorageCodes.InvalidUri, $"The store URI '{uri}' is not supported. Use gs://BUCKET/PREFIX for Google Cloud Storage, or file:///PATH or a directory path for a local or mounted folder.");
        }

        return new LocalDirectoryStore(uri);
    }

    /// <summary>The store named by <c>NUMERAI_PIPELINE_STORE</c>, or null when it is unset.</summary>
    /// <returns>The store or null.</returns>
    public static IRemoteStore? FromEnvironment()
    {
        var uri = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(uri) ? null : Create(uri.Trim());
    }

    private static StorageClient CreateClient(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return StorageClient.Create();
        }

        var root = endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : "http://" + endpoint;
        return new StorageClientBuilder { BaseUri = root.TrimEnd('/') + "/storage/v1/", UnauthenticatedAccess = true }.Build();
    }

    private static bool IsBucketName(string name) =>
        name.Length is >= 3 and <= 222 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.');
}
