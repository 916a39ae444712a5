using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace NumeraiPipeline.GcsStandIn;

/// <summary>
/// Uploads as Google.Cloud.Storage.V1 makes them: always resumable (a POST opening the session, then PUTs of
/// chunks with Content-Range; 308 with Range while incomplete). Media and multipart uploads are not used by the
/// client, so they are answered with GCS's error for an unsupported upload type.
/// </summary>
public sealed partial class FakeGcsServer
{
    private async Task StartUploadAsync(HttpContext context, string bucket)
    {
        var type = context.Request.Query["uploadType"].ToString();
        switch (type)
        {
            case "resumable":
            {
                var body = await ReadBodyAsync(context.Request);
                var meta = body.Length > 0 ? JsonNode.Parse(body)!.AsObject() : [];
                var name = meta["name"]?.GetValue<string>() ?? context.Request.Query["name"].ToString();
                if (name.Length == 0)
                {
                    await ErrorAsync(context, 400, "required", "Required: object name");
                    return;
                }

                var contentType = context.Request.Headers["X-Upload-Content-Type"].ToString() is { Length: > 0 } t ? t : meta["contentType"]?.GetValue<string>() ?? "application/octet-stream";
                var id = Guid.NewGuid().ToString("N");
                long? ifGeneration = long.TryParse(context.Request.Query["ifGenerationMatch"], CultureInfo.InvariantCulture, out var g) ? g : null;
                uploads[id] = new Upload(bucket, name, contentType, ifGeneration);
                context.Response.Headers.Location = $"{Endpoint}/upload/storage/v1/b/{bucket}/o?uploadType=resumable&upload_id={id}";
                context.Response.StatusCode = 200;
                return;
            }

            default:
                await ErrorAsync(context, 400, "invalid", $"uploadType '{type}' is not supported");
                return;
        }
    }

    private async Task ContinueResumableAsync(HttpContext context, string bucket)
    {
        var id = context.Request.Query["upload_id"].ToString();
        if (!uploads.TryGetValue(id, out var upload) || upload.Bucket != bucket)
        {
            await ErrorAsync(context, 404, "notFound", "No such upload session");
            return;
        }

        var chunk = await ReadBodyAsync(context.Request);
        // Content-Range: "bytes FROM-TO/TOTAL", "bytes FROM-TO/*" (size not yet known) or "bytes */TOTAL" (status query).
        var range = context.Request.Headers.ContentRange.ToString();
        long? total = null;
        if (range.StartsWith("bytes ", StringComparison.Ordinal))
        {
            var spec = range[6..].Split('/');
            if (spec[1] != "*")
            {
                total = long.Parse(spec[1], CultureInfo.InvariantCulture);
            }

            if (spec[0] != "*")
            {
                var from = long.Parse(spec[0].Split('-')[0], CultureInfo.InvariantCulture);
                if (from != upload.Data.Length)
                {
                    await ErrorAsync(context, 400, "invalid", $"chunk starts at {from}, expected {upload.Data.Length}");
                    return;
                }

                await upload.Data.WriteAsync(chunk);
            }
        }
        else
        {
            await upload.Data.WriteAsync(chunk);
            total = upload.Data.Length;
        }

        if (total is not null && upload.Data.Length == total)
        {
            uploads.TryRemove(id, out _);
            // As GCS (and fake-gcs-server) do: the precondition is evaluated when the object is published.
            var stored = Store(bucket, upload.Name, upload.ContentType, upload.Data.ToArray(), upload.IfGeneration);
            if (stored is null)
            {
                await PreconditionFailedAsync(context);
                return;
            }

            await JsonAsync(context, 200, Resource(stored));
            return;
        }

        context.Response.StatusCode = 308;
        if (upload.Data.Length > 0)
        {
            context.Response.Headers.Range = $"bytes=0-{upload.Data.Length - 1}";
        }
    }
}
