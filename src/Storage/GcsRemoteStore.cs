using System.Net;
using System.Runtime.CompilerServices;
using Google;
using Google.Cloud.Storage.V1;
using GcsObject = Google.Apis.Storage.v1.Data.Object;

namespace NumeraiPipeline.Storage;

/// <summary>
/// A store in a Google Cloud Storage bucket under a prefix (<c>gs://bucket/prefix</c>), through
/// Google.Cloud.Storage.V1. Uploads are atomic per object (GCS makes an object visible only when complete);
/// downloads are checked against the object's hash by the client and renamed into place.
/// </summary>
public sealed class GcsRemoteStore : IRemoteStore
{
    private readonly StorageClient client;

    /// <summary>Creates the store over a client (see <see cref="RemoteStores.Create"/> for one made from a URI).</summary>
    /// <param name="client">The client.</param>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="prefix">The key prefix inside the bucket (empty, or ending without a slash).</param>
    public GcsRemoteStore(StorageClient client, string bucket, string prefix)
    {
        this.client = client;
        Bucket = bucket;
        Prefix = prefix.Trim('/');
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The prefix inside the bucket, without slashes around it.</summary>
    public string Prefix { get; }

    /// <summary>Attempts of an upload or download in all, on 408, 429, 5xx and connection failures.</summary>
    internal const int MaxAttempts = 4;

    /// <summary>The first delay between attempts, doubled each time (tests make it small).</summary>
    internal TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The upload chunk size (a multiple of 256 KiB); null for the client's default (tests make it small).</summary>
    internal int? UploadChunkSize { get; init; }

    /// <inheritdoc />
    public string Location => Prefix.Length == 0 ? $"gs://{Bucket}" : $"gs://{Bucket}/{Prefix}";

    /// <inheritdoc />
    public async Task<RemoteObjectInfo> UploadAsync(string localPath, string key, CancellationToken cancellationToken)
    {
        var name = NameOf(key);
        try
        {
            // Uploading the same file to the same key again is harmless, so transient failures are retried.
            return await WithRetryAsync(async () =>
            {
                await using var input = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                var uploaded = await client.UploadObjectAsync(Bucket, name, "application/octet-stream", input, new UploadObjectOptions { ChunkSize = UploadChunkSize }, cancellationToken);
                return Info(uploaded);
            }, cancellationToken);
        }
        catch (GoogleApiException ex)
        {
            throw Fail("upload", key, ex);
        }
    }

    /// <inheritdoc />
    public async Task DownloadAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        var name = NameOf(key);
        var target = Path.GetFullPath(localPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = FileHashes.TempBeside(target);
        try
        {
            await WithRetryAsync(async () =>
            {
                await using var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await client.DownloadObjectAsync(Bucket, name, output, new DownloadObjectOptions(), cancellationToken);
                return true;
            }, cancellationToken);
            File.Move(temp, target, overwrite: true);
        }
        catch (GoogleApiException ex)
        {
            throw Fail("download", key, ex);
        }
        catch (IOException ex) when (ex.Message.Contains("hash", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageException(StorageCodes.HashMismatch, $"The download of '{key}' from {Location} does not match the object's hash ({ex.Message}). Retry; if it persists, re-upload the object.", ex);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <inheritdoc />
    public async Task<RemoteObjectInfo?> StatAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return Info(await client.GetObjectAsync(Bucket, NameOf(key), options: null, cancellationToken));
        }
        catch (GoogleApiException ex) when (ex.HttpStatusCode == HttpStatusCode.NotFound && !IsBucketMissing(ex))
        {
            return null;
        }
        catch (GoogleApiException ex)
        {
            throw Fail("read the metadata of", key, ex);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RemoteObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        prefix = ObjectKeys.CheckPrefix(prefix);
        var full = Prefix.Length == 0 ? prefix : Prefix + "/" + prefix;
        var objects = client.ListObjectsAsync(Bucket, full).WithCancellation(cancellationToken).ConfigureAwait(false);
        var enumerator = objects.GetAsyncEnumerator();
        try
        {
            while (true)
            {
                GcsObject item;
                try
                {
                    if (!await enumerator.MoveNextAsync())
                    {
                        break;
                    }

                    item = enumerator.Current;
                }
                catch (GoogleApiException ex)
                {
                    throw Fail("list", prefix, ex);
                }

                yield return Info(item);
            }
        }
        finally
        {
            await enumerator.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteObjectAsync(Bucket, NameOf(key), options: null, cancellationToken);
            return true;
        }
        catch (GoogleApiException ex) when (ex.HttpStatusCode == HttpStatusCode.NotFound && !IsBucketMissing(ex))
        {
            return false;
        }
        catch (GoogleApiException ex)
        {
            throw Fail("delete", key, ex);
        }
    }

    private async Task<T> WithRetryAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (GoogleApiException ex) when (attempt < MaxAttempts && (int)ex.HttpStatusCode is 408 or 429 or >= 500)
            {
            }
            catch (HttpRequestException) when (attempt < MaxAttempts)
            {
            }
            catch (TaskCanceledException) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(RetryBaseDelay * (1 << (attempt - 1)), cancellationToken);
        }
    }

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
            403 or 401 => new StorageException(StorageCodes.BucketUnavailable, $"Cannot {action} '{key}' in {Location}: access denied ({status}: {detail}). Grant the job's service account roles/storage.objectAdmin on the bucket.", ex),
            404 when IsBucketMissing(ex) => new StorageException(StorageCodes.BucketUnavailable, $"Cannot {action} '{key}': the bucket '{Bucket}' does not exist ({detail}). Create it or fix the store URI.", ex),
            _ => new StorageException(StorageCodes.TransferFailed, $"Cannot {action} '{key}' in {Location}: {status} {detail}. Retry; check the bucket and the network.", ex),
        };
    }
}
