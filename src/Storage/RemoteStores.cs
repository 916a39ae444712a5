using Google.Cloud.Storage.V1;

namespace NumeraiPipeline.Storage;

/// <summary>Creates a store from a URI: <c>gs://bucket[/prefix]</c>, <c>file:///path</c> or a plain directory path.</summary>
public static class RemoteStores
{
    /// <summary>The environment variable that selects the store of a run when the pipeline names none.</summary>
    public const string EnvironmentVariable = "NUMERAI_PIPELINE_STORE";

    /// <summary>Creates the store a URI names, wrapped in a <see cref="ResilientRemoteStore"/> (retries within a budget).</summary>
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
                throw new StorageException(StorageErrors.InvalidUri, uri, $"has no valid bucket name ('{bucket}')");
            }

            if (prefix.Length > 0)
            {
                ObjectKeys.Check(prefix, "prefix");
            }

            var endpoint = options?.Endpoint ?? (options?.Environment ?? Environment.GetEnvironmentVariable)("STORAGE_EMULATOR_HOST");
            return Resilient(new GcsRemoteStore(new Lazy<StorageClient>(() => CreateClient(endpoint)), bucket, prefix), options);
        }

        if (uri.StartsWith("file://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(uri, UriKind.Absolute, out var file))
        {
            return Resilient(new LocalDirectoryStore(file.LocalPath), options);
        }

        if (uri.Contains("://", StringComparison.Ordinal) || uri.Trim().Length == 0)
        {
            throw new StorageException(StorageErrors.InvalidUri, WithoutUserInfo(uri), "is not supported");
        }

        return Resilient(new LocalDirectoryStore(uri), options);
    }

    /// <summary>The URI as a message may show it: a user name and password in it (https://user:token@host) become ***.</summary>
    internal static string WithoutUserInfo(string uri)
    {
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return uri;
        }

        var start = scheme + 3;
        var end = uri.IndexOf('/', start);
        var at = uri[start..(end < 0 ? uri.Length : end)].LastIndexOf('@');
        return at < 0 ? uri : uri[..start] + "***" + uri[(start + at)..];
    }

    private static ResilientRemoteStore Resilient(IRemoteStore store, RemoteStoreOptions? options) =>
        new(store, options?.Retry, options?.Logger);

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
            var google = StorageClient.Create();
            google.Service.HttpClient.Timeout = Timeout.InfiniteTimeSpan;
            return google;
        }

        var root = endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : "http://" + endpoint;
        var client = new StorageClientBuilder { BaseUri = root.TrimEnd('/') + "/storage/v1/", UnauthenticatedAccess = true }.Build();
        // Attempts are timed by ResilientRemoteStore (a transfer's timeout grows with its size); 100 s would cut big ones.
        client.Service.HttpClient.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }

    private static bool IsBucketName(string name) =>
        name.Length is >= 3 and <= 222 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.');
}
