using System.Globalization;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using NumeraiPipeline.Numerai.Sandbox.GraphQl;

namespace NumeraiPipeline.Numerai.Sandbox;

public sealed partial class SandboxServer
{
    private const string GatewayPage = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static async Task WriteS3ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        var xml = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message><RequestId>{Guid.NewGuid():N}</RequestId></Error>";
        await context.Response.WriteAsync(xml, context.RequestAborted);
    }

    private async Task HandleGraphQlAsync(HttpContext context)
    {
        if (Faults.GraphQlDelay > TimeSpan.Zero)
        {
            await Task.Delay(Faults.GraphQlDelay, context.RequestAborted);
        }

        if (Faults.TakeGraphQlFailure())
        {
            var status = Faults.GraphQlFailureStatus;
            if (status == 500)
            {
                await WriteJsonAsync(context, 500, new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = "Internal server error" }) });
            }
            else
            {
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync(GatewayPage.Replace("502 Bad Gateway", status + " " + ReasonPhrase(status), StringComparison.Ordinal), context.RequestAborted);
            }

            return;
        }

        JsonObject? request;
        try
        {
            request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            await WriteJsonAsync(context, 400, new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = "Could not parse the request body as JSON" }) });
            return;
        }

        var authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;
        if (Faults.RejectKeys && authorization is not null)
        {
            authorization = "Token revoked$revoked";
        }

        var variables = request["variables"] as JsonObject;
        var (code, body) = GqlExecutor.Execute(request["query"]?.ToString(), variables, api.ResolversFor(authorization, BaseUrl));
        await WriteJsonAsync(context, code, body);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        502 => "Bad Gateway",
        503 => "Service Temporarily Unavailable",
        504 => "Gateway Time-out",
        _ => "Server Error",
    };

    private async Task HandleDownloadAsync(HttpContext context, int round, string path)
    {
        var requestPath = context.Request.Path.Value!;
        if (signer.Check("GET", requestPath, context.Request.Query["X-Amz-Expires"], context.Request.Query["X-Amz-Signature"]) is { } denied)
        {
            await WriteS3ErrorAsync(context, 403, denied.Code, denied.Message);
            return;
        }

        if (Faults.DownloadDelay > TimeSpan.Zero)
        {
            await Task.Delay(Faults.DownloadDelay, context.RequestAborted);
        }

        if (Faults.TakeDownloadFailure())
        {
            await WriteS3ErrorAsync(context, Faults.DownloadFailureStatus, "ServiceUnavailable", "Please reduce your request rate.");
            return;
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var file = slash < 0 ? null : await data.GetPathAsync(path[..slash], path[(slash + 1)..], round, context.RequestAborted);
        if (file is null)
        {
            // S3 without list permission answers 403, not 404, for a key that does not exist.
            await WriteS3ErrorAsync(context, 403, "AccessDenied", "Access Denied");
            return;
        }

        var length = new FileInfo(file).Length;
        long from = 0, to = length - 1;
        var partial = false;
        if (RangeHeaderValue.TryParse(context.Request.Headers.Range.ToString(), out var range) && range.Unit == "bytes" && range.Ranges.Count == 1 && !Faults.TakeRangeIgnore())
        {
            var r = range.Ranges.First();
            if (r.From is { } start)
            {
                from = start;
                to = r.To is { } end ? Math.Min(end, length - 1) : length - 1;
            }
            else if (r.To is { } suffix)
            {
                from = Math.Max(0, length - suffix);
            }

            if (from >= length)
            {
                context.Response.Headers.ContentRange = $"bytes */{length}";
                await WriteS3ErrorAsync(context, 416, "InvalidRange", "The requested range is not satisfiable");
                return;
            }

            partial = true;
        }

        var count = to - from + 1;
        context.Response.StatusCode = partial ? 206 : 200;
        context.Response.ContentType = "binary/octet-stream";
        context.Response.ContentLength = count;
        context.Response.Headers.AcceptRanges = "bytes";
        context.Response.Headers.ETag = $"\"{length:x}-{File.GetLastWriteTimeUtc(file).Ticks:x}\"";
        if (partial)
        {
            context.Response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {from}-{to}/{length}");
        }

        var cut = Faults.TakeDownloadCut();
        var send = cut ? count / 2 : count;
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
        {
            stream.Seek(from, SeekOrigin.Begin);
            var buffer = new byte[1 << 16];
            var left = send;
            while (left > 0)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), context.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                left -= read;
            }
        }

        if (cut)
        {
            // Give the client time to read what was sent: a reset right away would discard its unread buffer.
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromMilliseconds(400), context.RequestAborted);
            context.Abort();
        }
    }

    private async Task HandleUploadAsync(HttpContext context, string key)
    {
        var requestPath = context.Request.Path.Value!;
        if (signer.Check("PUT", requestPath, context.Request.Query["X-Amz-Expires"], context.Request.Query["X-Amz-Signature"]) is { } denied)
        {
            await WriteS3ErrorAsync(context, 403, denied.Code, denied.Message);
            return;
        }

        if (context.Request.ContentLength is not { } length)
        {
            await WriteS3ErrorAsync(context, 411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
            return;
        }

        var content = new byte[length];
        await context.Request.Body.ReadExactlyAsync(content, context.RequestAborted);
        if (Faults.TakeUploadFailure())
        {
            await WriteS3ErrorAsync(context, Faults.UploadFailureStatus, "InternalError", "We encountered an internal error. Please try again.");
            return;
        }

        account.StoreUpload(Uri.UnescapeDataString(key), content);
        context.Response.StatusCode = 200;
        context.Response.Headers.ETag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(content)) + "\"";
        await context.Response.WriteAsync("", Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>GET of a submission file (the URL from submissionDownloadAuth): the uploaded bytes, or the CSV of a history submission.</summary>
    private async Task HandleSubmissionDownloadAsync(HttpContext context, string id)
    {
        if (signer.Check("GET", context.Request.Path.Value!, context.Request.Query["X-Amz-Expires"], context.Request.Query["X-Amz-Signature"]) is { } denied)
        {
            await WriteS3ErrorAsync(context, 403, denied.Code, denied.Message);
            return;
        }

        var submission = account.Submissions().FirstOrDefault(s => s.Id == Uri.UnescapeDataString(id));
        if (submission is null)
        {
            await WriteS3ErrorAsync(context, 403, "AccessDenied", "Access Denied");
            return;
        }

        var bytes = account.GetUpload(submission.Filename) ?? SubmissionCsvBytes(submission);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/csv";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static byte[] SubmissionCsvBytes(SandboxSubmission submission)
    {
        var text = new StringBuilder("id,prediction\n");
        for (var i = 0; i < submission.Ids.Count; i++)
        {
            text.Append(submission.Ids[i]).Append(',').Append(submission.Predictions[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
