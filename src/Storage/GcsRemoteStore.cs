using System.Net;
using System.Runtime.CompilerServices;
using Google;
using Google.Cloud.Storage.V1;
using GcsObject = Google.Apis.Storage.v1.Data.Object;

namespace NumeraiPipeline.Storage;

/// <summary>
/// A store in a Google Cloud Storage bucket under a prefix (<c>gs://bucket/prefix</c>), through
/// Google.Cloud.Storage.V1. Uploads are atomic per object (GCS makes an object visible only when complete);
/// downloads are checked against the object's hash by the client and renamed into place. Each call makes one
/// attempt (the client's own retries are off): failures come out as <see cref="StorageException"/>s marked
/// <see cref="StorageException.Transient"/> or not, and <see cref="ResilientRemoteStore"/> does the retrying.
/// </summary>
public sealed partial class GcsRemoteStore : IRemoteStore
{
    private readonly Lazy<StorageClient> lazyClient;

    /// <summary>Creates the store over a client (see <see cref="RemoteStores.Create"/> for one made from a URI).</summary>
    /// <param name="client">The client.</param>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="prefix">The key prefix inside the bucket (empty, or ending without a slash).</param>
    public GcsRemoteStore(StorageClient client, string bucket, string prefix)
        : this(new Lazy<StorageClient>(client), bucket, prefix)
    {
    }

    /// <summary>A store whose client is made on first use, so missing credentials surface as a store failure of the run.</summary>
    internal GcsRemoteStore(Lazy<StorageClient> client, string bucket, string prefix)
    {
        lazyClient = client;
        Bucket = bucket;
        Prefix = prefix.Trim('/');
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The prefix inside the bucket, without slashes around it.</summary>
    public string Prefix { get; }

    /// <summary>The upload chunk size (a multiple of 256 KiB); null for the client's default (tests make it small).</summary>
    internal int? UploadChunkSize { get; init; }

    /// <inheritdoc />
    public string Location => Prefix.Length == 0 ? $"gs://{Bucket}" : $"gs://{Bucket}/{Prefix}";

    /// <inheritdoc />
    public Task<RemoteObjectInfo> UploadAsync(string localPath, string key, CancellationToken cancellationToken) =>
        GuardAsync("upload", key, async () =>
        {
            await using var input = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            var uploaded = await Client.UploadObjectAsync(Bucket, NameOf(key), "application/octet-stream", input, new UploadObjectOptions { ChunkSize = UploadChunkSize }, cancellationToken);
            return Info(uploaded);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task DownloadAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        var name = NameOf(key);
        var target = Path.GetFullPath(localPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = FileHashes.TempBeside(target);
        try
        {
            await GuardAsync("download", key, async () =>
            {
                await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await Client.DownloadObjectAsync(Bucket, name, output, new DownloadObjectOptions(), cancellationToken);
                }

                File.Move(temp, target, overwrite: true);
                return true;
            }, cancellationToken);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <inheritdoc />
    public Task<RemoteObjectInfo?> StatAsync(string key, CancellationToken cancellationToken) =>
        GuardAsync<RemoteObjectInfo?>("read the metadata of", key, async () =>
        {
            try
            {
                return Info(await Client.GetObjectAsync(Bucket, NameOf(key), new GetObjectOptions { RetryOptions = RetryOptions.Never }, cancellationToken));
            }
            catch (GoogleApiException ex) when (IsObjectMissing(ex))
            {
                return null;
            }
        }, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<RemoteObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        prefix = ObjectKeys.CheckPrefix(prefix);
        var full = Prefix.Length == 0 ? prefix : Prefix + "/" + prefix;
        var objects = Client.ListObjectsAsync(Bucket, full, new ListObjectsOptions { RetryOptions = RetryOptions.Never }).WithCancellation(cancellationToken).ConfigureAwait(false);
        var enumerator = objects.GetAsyncEnumerator();
        try
        {
            while (await GuardAsync("list", prefix, async () => await enumerator.MoveNextAsync(), cancellationToken))
            {
                yield return Info(enumerator.Current);
            }
        }
        finally
        {
            await enumerator.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) =>
        GuardAsync("delete", key, async () =>
        {
            try
            {
                await Client.DeleteObjectAsync(Bucket, NameOf(key), new DeleteObjectOptions { RetryOptions = RetryOptions.Never }, cancellationToken);
                return true;
            }
            catch (GoogleApiException ex) when (IsObjectMissing(ex))
            {
                return false;
            }
        }, cancellationToken);

    private StorageClient Client
    {
        get
        {
            try
            {
                return lazyClient.Value;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException)
            {
                throw new StorageException(StorageErrors.BucketUnavailable, ex, Location, $"no Google Cloud credentials ({StorageException.Shorten(ex.Message)})", "Run 'gcloud auth application-default login', or run on Google Cloud with a service account.");
            }
        }
    }

    private async Task<T> GuardAsync<T>(string action, string key, Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation();
        }
        catch (GoogleApiException ex)
        {
            throw Fail(action, key, ex);
        }
        catch (IOException ex) when (ex.Message.Contains("hash", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageException(StorageErrors.HashMismatch, ex, key, Location, StorageException.Shorten(ex.Message))
            {
                Transient = true,
                Reason = $"the download does not match the object's hash ({StorageException.Shorten(ex.Message)})",
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var what = ex is OperationCanceledException ? "the request timed out" : StorageException.Shorten(ex.Message);
            throw new StorageException(StorageErrors.TransferFailed, ex, action, key, Location, what, "Check the network and the store URI.") { Transient = true, Reason = what };
        }
    }

    private static bool IsObjectMissing(GoogleApiException ex) => ex.HttpStatusCode == HttpStatusCode.NotFound && !IsBucketMissing(ex);

    private static bool IsBucketMissing(GoogleApiException ex) =>
        ex.Error?.Message?.StartsWith("The specified bucket does not exist", StringComparison.OrdinalIgnoreCase) == true;

    private string NameOf(string key)
    {
        var checkedKey = ObjectKeys.Check(key);
        return Prefix.Length == 0 ? checkedKey : Prefix + "/" + checkedKey;
    }

    private RemoteObjectInfo Info(GcsObject o)
    {
        var key = Prefix.Length == 0 ? o.Name : o.Name[(Prefix.Length + 1)..];
        return new RemoteObjectInfo(key, (long)(o.Size ?? 0), FileHashes.Base64ToHex(o.Md5Hash), o.UpdatedDateTimeOffset);
    }

    private StorageException Fail(string action, string key, GoogleApiException ex)
    {
        var status = (int)ex.HttpStatusCode;
        var detail = ex.Error?.Message ?? ex.Message;
        return status switch
        {
            403 or 401 => new StorageException(StorageErrors.BucketUnavailable, ex, Location, $"access denied to {action} '{key}' ({status}: {StorageException.Shorten(detail)})", "Grant the job's service account roles/storage.objectAdmin on the bucket."),
            404 when IsBucketMissing(ex) => new StorageException(StorageErrors.BucketUnavailable, ex, Location, $"the bucket '{Bucket}' does not exist ({StorageException.Shorten(detail)})", "Create it or fix the store URI."),
            _ => Transfer(action, key, $"{status} {StorageException.Shorten(detail)}", ex, status),
        };
    }

    private StorageException Transfer(string action, string key, string reason, GoogleApiException ex, int status) =>
        new(StorageErrors.TransferFailed, ex, action, key, Location, reason, "Retry; check the bucket and the network.")
        {
            Transient = status is 408 or 429 or >= 500 or 0,
            Reason = reason,
        };
}
