using System.Net;
using Google;
using Google.Cloud.Storage.V1;

namespace NumeraiPipeline.Storage;

/// <summary>Conditional objects on GCS: generations and the <c>ifGenerationMatch</c> precondition (412 when it fails).</summary>
public sealed partial class GcsRemoteStore
{
    /// <inheritdoc />
    public Task<VersionedObject?> ReadVersionedAsync(string key, CancellationToken cancellationToken) =>
        GuardAsync<VersionedObject?>("read", key, async () =>
        {
            var name = NameOf(key);
            // Metadata first (the generation), then exactly that generation's bytes; replaced in between: read again.
            for (var attempt = 0; ; attempt++)
            {
                Google.Apis.Storage.v1.Data.Object meta;
                try
                {
                    meta = await Client.GetObjectAsync(Bucket, name, new GetObjectOptions { RetryOptions = RetryOptions.Never }, cancellationToken);
                }
                catch (GoogleApiException ex) when (IsObjectMissing(ex))
                {
                    return null;
                }

                using var buffer = new MemoryStream();
                try
                {
                    await Client.DownloadObjectAsync(Bucket, name, buffer, new DownloadObjectOptions { Generation = meta.Generation }, cancellationToken);
                }
                catch (GoogleApiException ex) when (IsObjectMissing(ex) && attempt < 5)
                {
                    continue;
                }

                return new VersionedObject(ObjectKeys.Check(key), buffer.ToArray(), meta.Generation ?? 0);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public Task<long?> WriteIfGenerationMatchAsync(string key, byte[] content, long ifGeneration, CancellationToken cancellationToken) =>
        GuardAsync<long?>("write", key, async () =>
        {
            if (content.Length == 0)
            {
                throw new ArgumentException("A conditional object must not be empty.", nameof(content));
            }

            using var input = new MemoryStream(content, writable: false);
            try
            {
                var written = await Client.UploadObjectAsync(Bucket, NameOf(key), "application/json", input, new UploadObjectOptions { IfGenerationMatch = ifGeneration }, cancellationToken);
                return written.Generation;
            }
            catch (GoogleApiException ex) when (ex.HttpStatusCode == HttpStatusCode.PreconditionFailed)
            {
                return null;
            }
        }, cancellationToken);
}
