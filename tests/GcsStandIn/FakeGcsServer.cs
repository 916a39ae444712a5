using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.GcsStandIn;

/// <summary>
/// A minimal but faithful server of the Google Cloud Storage JSON API on 127.0.0.1, enough for the real
/// Google.Cloud.Storage.V1 client: objects get (metadata and <c>alt=media</c> with ranges and <c>x-goog-hash</c>),
/// list (prefix, paging), delete, and insert by resumable (chunked) upload, the protocol the client uses, with md5Hash and
/// crc32c computed as GCS does. Every write makes a new generation; <c>ifGenerationMatch</c> (0: the object must not
/// exist) is honoured on uploads (checked when the upload completes, atomically with the write), deletes and reads,
/// with GCS's 412 <c>conditionNotMet</c>; <c>generation=N</c> reads that generation (404 once it was replaced).
/// Errors use GCS's JSON error shape. Faults for tests: <see cref="FailNext"/> (503), <see cref="DenyNext"/> (403),
/// <see cref="HangNext"/> (no answer until the client gives up or <see cref="ReleaseHung"/>).
/// </summary>
public sealed partial class FakeGcsServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Stored> objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Upload> uploads = new(StringComparer.Ordinal);
    private readonly HashSet<string> buckets;
    private long generation = 1_700_000_000_000_000;

    private FakeGcsServer(WebApplication app, IEnumerable<string> buckets)
    {
        this.app = app;
        this.buckets = [.. buckets];
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234</c> (what STORAGE_EMULATOR_HOST holds).</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Every request as <c>METHOD path?query</c>, for assertions on what the client did.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>How many of the next requests get 503 (a transient GCS failure).</summary>
    public int FailNext;

    /// <summary>How many of the next requests get 403 (the service account lost its role on the bucket).</summary>
    public int DenyNext;

    /// <summary>How many of the next requests get no answer until the client aborts them or <see cref="ReleaseHung"/>.</summary>
    public int HangNext;

    private readonly object writeLock = new();
    private TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int killed;

    /// <summary>
    /// When it holds for a request (<c>METHOD path?query</c>) the server dies there: that request is dropped and the
    /// server stops, so later connections are refused (a store killed mid-run).
    /// </summary>
    public Func<string, bool>? KillWhen { get; set; }

    /// <summary>Whether <see cref="KillWhen"/> has struck.</summary>
    public bool Killed => Volatile.Read(ref killed) == 1;

    /// <summary>Called with <c>METHOD path?query</c> when a request arrives, before it is answered (test signals).</summary>
    public Action<string>? RequestArrived { get; set; }

    /// <summary>Lets every hung request go on to its normal answer.</summary>
    public void ReleaseHung() => Interlocked.Exchange(ref release, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>The generation of an object, or 0 when it does not exist.</summary>
    public long GenerationOf(string bucket, string name) => objects.TryGetValue(bucket + "/" + name, out var o) ? o.Generation : 0;

    /// <summary>The most items one list page holds.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>The number of object objects in a bucket.</summary>
    public int Count(string bucket) => objects.Keys.Count(k => k.StartsWith(bucket + "/", StringComparison.Ordinal));

    /// <summary>The content of an object, or null.</summary>
    public byte[]? Content(string bucket, string name) => objects.TryGetValue(bucket + "/" + name, out var o) ? o.Data : null;

    /// <summary>Corrupts a stored object's bytes while keeping its recorded hashes (to test download validation).</summary>
    public void Corrupt(string bucket, string name)
    {
        var o = objects[bucket + "/" + name];
        var data = (byte[])o.Data.Clone();
        data[0] ^= 0xFF;
        objects[bucket + "/" + name] = o with { Data = data };
    }

    public static async Task<FakeGcsServer> StartAsync(params string[] buckets)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeGcsServer(app, buckets);
        app.Run(server.GuardedAsync);
        await app.StartAsync();
        server.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Exceptions the server's own code threw (a test failing here shows a gap in this server, not in the client).</summary>
    public ConcurrentQueue<Exception> Faults { get; } = new();

    private async Task GuardedAsync(HttpContext context)
    {
        try
        {
            // The Google client gzips request bodies (GZipEnabled), as GCS accepts.
            if (context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                context.Request.Body = new System.IO.Compression.GZipStream(context.Request.Body, System.IO.Compression.CompressionMode.Decompress);
                context.Request.Headers.ContentLength = null;
            }

            var line = $"{context.Request.Method} {context.Features.Get<IHttpRequestFeature>()!.RawTarget}";
            Log.Enqueue(line);
            if (Killed || (KillWhen?.Invoke(line) == true && Interlocked.Exchange(ref killed, 1) == 0))
            {
                context.Abort();
                _ = Task.Run(() => app.StopAsync());
                return;
            }

            RequestArrived?.Invoke(line);
            if (Interlocked.Decrement(ref HangNext) >= 0)
            {
                var released = Volatile.Read(ref release).Task;
                await Task.WhenAny(released, Task.Delay(Timeout.Infinite, context.RequestAborted));
                if (context.RequestAborted.IsCancellationRequested)
                {
                    return;
                }
            }

            if (Interlocked.Decrement(ref FailNext) >= 0)
            {
                await ErrorAsync(context, 503, "backendError", "We encountered an internal error. Please try again.");
                return;
            }

            if (Interlocked.Decrement(ref DenyNext) >= 0)
            {
                await ErrorAsync(context, 403, "forbidden", "numerai-job@project.iam.gserviceaccount.com does not have storage.objects.list access to the Google Cloud Storage bucket. Permission 'storage.objects.list' denied on resource (or it may not exist).");
                return;
            }

            await HandleAsync(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Faults.Enqueue(ex);
            if (!context.Response.HasStarted)
            {
                await ErrorAsync(context, 500, "backendError", "fake server fault: " + ex.Message);
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var path = raw.Split('?')[0];
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var method = context.Request.Method;
        // storage/v1/b/{bucket}/o[/{object}] ; upload/storage/v1/b/{bucket}/o ; download/storage/v1/b/{bucket}/o/{object}
        var offset = segments.Length > 0 && segments[0] is "upload" or "download" ? 1 : 0;
        if (segments.Length < offset + 5 || segments[offset] != "storage" || segments[offset + 1] != "v1" || segments[offset + 2] != "b" || segments[offset + 4] != "o")
        {
            await ErrorAsync(context, 404, "notFound", $"Not Found: {path}");
            return;
        }

        var bucket = segments[offset + 3];
        var name = segments.Length > offset + 5 ? string.Join('/', segments[(offset + 5)..]) : null;
        if (!buckets.Contains(bucket))
        {
            await ErrorAsync(context, 404, "notFound", "The specified bucket does not exist.");
            return;
        }

        switch (offset, method, name)
        {
            case (1, "POST", null) when segments[0] == "upload":
                await StartUploadAsync(context, bucket);
                break;
            case (1, "PUT", null) when segments[0] == "upload":
                await ContinueResumableAsync(context, bucket);
                break;
            case (_, "GET", null):
                await ListAsync(context, bucket);
                break;
            case (_, "GET", not null):
                await GetAsync(context, bucket, name);
                break;
            case (0, "DELETE", not null):
                await DeleteAsync(context, bucket, name);
                break;
            default:
                await ErrorAsync(context, 405, "methodNotAllowed", $"{method} is not served on {path}");
                break;
        }
    }

    private async Task DeleteAsync(HttpContext context, string bucket, string name)
    {
        int status;
        lock (writeLock)
        {
            status = !PreconditionHolds(context, bucket, name) ? 412 : objects.TryRemove(bucket + "/" + name, out _) ? 204 : 404;
        }

        switch (status)
        {
            case 412:
                await PreconditionFailedAsync(context);
                break;
            case 404:
                await ErrorAsync(context, 404, "notFound", $"No such object: {bucket}/{name}");
                break;
            default:
                context.Response.StatusCode = 204;
                break;
        }
    }

    /// <summary>Whether the request's <c>ifGenerationMatch</c> (if any) names the object's current generation (0: absent).</summary>
    private bool PreconditionHolds(HttpContext context, string bucket, string name) =>
        !long.TryParse(context.Request.Query["ifGenerationMatch"], CultureInfo.InvariantCulture, out var expected) || GenerationOf(bucket, name) == expected;

    private static Task PreconditionFailedAsync(HttpContext context) =>
        ErrorAsync(context, 412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");

    private async Task GetAsync(HttpContext context, string bucket, string name)
    {
        if (!objects.TryGetValue(bucket + "/" + name, out var o)
            || (long.TryParse(context.Request.Query["generation"], CultureInfo.InvariantCulture, out var wanted) && wanted != o.Generation))
        {
            await ErrorAsync(context, 404, "notFound", $"No such object: {bucket}/{name}");
            return;
        }

        if (!PreconditionHolds(context, bucket, name))
        {
            await PreconditionFailedAsync(context);
            return;
        }

        if (context.Request.Query["alt"] != "media")
        {
            await JsonAsync(context, 200, Resource(o));
            return;
        }

        context.Response.Headers["x-goog-hash"] = $"crc32c={o.Crc32C},md5={o.Md5}";
        context.Response.Headers["x-goog-generation"] = o.Generation.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-goog-stored-content-length"] = o.Data.Length.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = o.ContentType;
        var (from, to) = (0L, o.Data.LongLength - 1);
        var range = context.Request.Headers.Range.ToString();
        if (range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            var parts = range[6..].Split('-');
            from = long.Parse(parts[0], CultureInfo.InvariantCulture);
            if (parts[1].Length > 0)
            {
                to = Math.Min(to, long.Parse(parts[1], CultureInfo.InvariantCulture));
            }

            if (from > 0 || to < o.Data.LongLength - 1)
            {
                context.Response.StatusCode = 206;
                context.Response.Headers.ContentRange = $"bytes {from}-{to}/{o.Data.Length}";
            }
        }

        context.Response.ContentLength = Math.Max(0, to - from + 1);
        await context.Response.Body.WriteAsync(o.Data.AsMemory((int)from, (int)Math.Max(0, to - from + 1)));
    }

    private async Task ListAsync(HttpContext context, string bucket)
    {
        var prefix = context.Request.Query["prefix"].ToString();
        var start = context.Request.Query["pageToken"].ToString();
        var max = int.TryParse(context.Request.Query["maxResults"], out var m) ? Math.Min(m, PageSize) : PageSize;
        var matching = objects.Values
            .Where(o => o.Bucket == bucket && o.Name.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(o.Name, start) > 0)
            .OrderBy(o => o.Name, StringComparer.Ordinal)
            .Take(max + 1)
            .ToList();
        var page = matching.Take(max).ToList();
        var body = new JsonObject { ["kind"] = "storage#objects" };
        if (page.Count > 0)
        {
            body["items"] = new JsonArray([.. page.Select(o => (JsonNode)Resource(o))]);
        }

        if (matching.Count > max)
        {
            body["nextPageToken"] = page[^1].Name;
        }

        await JsonAsync(context, 200, body);
    }

    private JsonObject Resource(Stored o) => new()
    {
        ["kind"] = "storage#object",
        ["id"] = $"{o.Bucket}/{o.Name}/{o.Generation}",
        ["selfLink"] = $"{Endpoint}/storage/v1/b/{o.Bucket}/o/{Uri.EscapeDataString(o.Name)}",
        ["mediaLink"] = $"{Endpoint}/download/storage/v1/b/{o.Bucket}/o/{Uri.EscapeDataString(o.Name)}?generation={o.Generation}&alt=media",
        ["name"] = o.Name,
        ["bucket"] = o.Bucket,
        ["generation"] = o.Generation.ToString(CultureInfo.InvariantCulture),
        ["metageneration"] = "1",
        ["contentType"] = o.ContentType,
        ["storageClass"] = "STANDARD",
        ["size"] = o.Data.Length.ToString(CultureInfo.InvariantCulture),
        ["md5Hash"] = o.Md5,
        ["crc32c"] = o.Crc32C,
        ["etag"] = "CAE=",
        ["timeCreated"] = o.Updated.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["updated"] = o.Updated.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
    };

    /// <summary>Writes a new generation of an object; null when <paramref name="ifGeneration"/> is given and not current.</summary>
    private Stored? Store(string bucket, string name, string contentType, byte[] data, long? ifGeneration = null)
    {
        lock (writeLock)
        {
            if (ifGeneration is { } expected && GenerationOf(bucket, name) != expected)
            {
                return null;
            }

            var stored = new Stored(bucket, name, contentType, data, Interlocked.Increment(ref generation), Convert.ToBase64String(MD5.HashData(data)), Crc32C.Base64(data), DateTime.UtcNow);
            objects[bucket + "/" + name] = stored;
            return stored;
        }
    }

    private static async Task ErrorAsync(HttpContext context, int status, string reason, string message) =>
        await JsonAsync(context, status, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = status,
                ["message"] = message,
                ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = reason }),
            },
        });

    private static async Task JsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private sealed record Stored(string Bucket, string Name, string ContentType, byte[] Data, long Generation, string Md5, string Crc32C, DateTime Updated);

    private sealed class Upload(string bucket, string name, string contentType, long? ifGeneration)
    {
        public string Bucket { get; } = bucket;

        public string Name { get; } = name;

        public string ContentType { get; } = contentType;

        /// <summary>The upload's <c>ifGenerationMatch</c>, checked when the last chunk arrives.</summary>
        public long? IfGeneration { get; } = ifGeneration;

        public MemoryStream Data { get; } = new();
    }
}
