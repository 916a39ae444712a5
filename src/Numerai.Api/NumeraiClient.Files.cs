using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.Numerai.Api;

public sealed partial class NumeraiClient
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// PUTs a file to a presigned URL (no Authorization header, a Content-Length, no chunking) and checks the status.
    /// Throws NP6509 when the server does not answer 2xx; retried like the GraphQL calls (a PUT is idempotent).
    /// </summary>
    /// <param name="url">The presigned URL.</param>
    /// <param name="path">The file to upload.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public async Task UploadFileAsync(Uri url, string path, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        HttpStatusCode status;
        string body;
        try
        {
            (status, body) = await SendWithRetriesAsync("upload", () =>
            {
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentLength = bytes.Length;
                var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
                var computeId = Environment.GetEnvironmentVariable("NUMERAI_COMPUTE_ID");
                if (!string.IsNullOrEmpty(computeId))
                {
                    request.Headers.TryAddWithoutValidation("x_compute_id", computeId);
                }

                return request;
            }, cancellationToken);
        }
        catch (NumeraiApiException e) when (e.Code == NumeraiErrors.ServerError.Code)
        {
            throw new NumeraiApiException(NumeraiErrors.UploadFailed, e, Path.GetFileName(path), e.StatusCode, "on every attempt") { StatusCode = e.StatusCode };
        }

        if ((int)status is < 200 or > 299)
        {
            var message = S3Message(body);
            throw new NumeraiApiException(NumeraiErrors.UploadFailed, Path.GetFileName(path), (int)status, Clause(message) ?? "no message") { ServerMessage = message, StatusCode = (int)status };
        }
    }

    /// <summary>
    /// Downloads a presigned URL to <paramref name="destination"/>: skips when the file already has the remote size;
    /// writes to <c>destination.partial</c> and resumes it with a Range request (a 206 appends, a 200 starts again);
    /// retries cut transfers, 5xx, timeouts and connection failures; checks the size against Content-Length and, for
    /// <c>.parquet</c>, the <c>PAR1</c> magic at both ends; then renames into place.
    /// </summary>
    /// <param name="url">The presigned URL (no Authorization header is sent).</param>
    /// <param name="destination">The final path.</param>
    /// <param name="progress">Receives (bytes in the file so far, total bytes or null).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>What happened.</returns>
    public async Task<DownloadResult> DownloadFileAsync(Uri url, string destination, IProgress<(long Done, long? Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var partial = destination + ".partial";
        var name = Path.GetFileName(destination);
        var failures = 0;
        var gets = 0;
        long transferred = 0;
        var resumed = false;
        var restartedForCorruption = false;
        while (true)
        {
            var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
            gets++;
            string reason;
            int? status = null;
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                try
                {
                    idle.CancelAfter(Options.RequestTimeout);
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    if (have > 0)
                    {
                        request.Headers.Range = new RangeHeaderValue(have, null);
                    }

                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token);
                    status = (int)response.StatusCode;
                    long? total;
                    long offset;
                    if (response.StatusCode == HttpStatusCode.PartialContent && have > 0)
                    {
                        var range = response.Content.Headers.ContentRange;
                        if (range?.From != have)
                        {
                            File.Delete(partial);
                            throw Corrupt(name, $"the server resumed at byte {range?.From} instead of {have}");
                        }

                        total = range.Length;
                        offset = have;
                        resumed = true;
                    }
                    else if (response.StatusCode == HttpStatusCode.OK)
                    {
                        total = response.Content.Headers.ContentLength;
                        offset = 0;
                        if (have == 0 && File.Exists(destination) && total is { } t && new FileInfo(destination).Length == t)
                        {
                            return new DownloadResult(t, 0, gets, false, Stopwatch.GetElapsedTime(started), Skipped: true);
                        }
                    }
                    else if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
                    {
                        // The partial file is not a prefix of the remote one any more (it changed): start again.
                        File.Delete(partial);
                        reason = "HTTP 416 for the partial file; starting again";
                        logger.LogWarning("Download of {File}: {Reason}", name, reason);
                        continue;
                    }
                    else if (status >= 500)
                    {
                        throw new HttpRequestException($"HTTP {status}", null, response.StatusCode);
                    }
                    else
                    {
                        var body = await response.Content.ReadAsStringAsync(idle.Token);
                        var message = S3Message(body);
                        throw new NumeraiApiException(NumeraiErrors.DownloadFailed, name, status, Clause(message) ?? "no message") { ServerMessage = message, StatusCode = status };
                    }

                    await using (var file = new FileStream(partial, offset == 0 ? FileMode.Create : FileMode.Append, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
                    {
                        await using var stream = await response.Content.ReadAsStreamAsync(idle.Token);
                        var buffer = new byte[BufferSize];
                        var done = offset;
                        progress?.Report((done, total));
                        while (true)
                        {
                            idle.CancelAfter(Options.TransferIdleTimeout);
                            var read = await stream.ReadAsync(buffer, idle.Token);
                            if (read == 0)
                            {
                                break;
                            }

                            await file.WriteAsync(buffer.AsMemory(0, read), idle.Token);
                            done += read;
                            transferred += read;
                            failures = 0;
                            progress?.Report((done, total));
                        }
                    }

                    var size = new FileInfo(partial).Length;
                    if (total is { } expected && size != expected)
                    {
                        throw new IOException($"the transfer ended at {size} of {expected} bytes");
                    }

                    if (destination.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) && !await HasParquetMagicAsync(partial, cancellationToken))
                    {
                        File.Delete(partial);
                        if (restartedForCorruption)
                        {
                            throw Corrupt(name, "it does not start and end with the parquet magic 'PAR1'");
                        }

                        restartedForCorruption = true;
                        logger.LogWarning("Download of {File}: not a complete parquet file; downloading it again from the start", name);
                        continue;
                    }

                    File.Move(partial, destination, overwrite: true);
                    return new DownloadResult(size, transferred, gets, resumed, Stopwatch.GetElapsedTime(started));
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    reason = "timed out: " + e.Message;
                }
                catch (HttpRequestException e)
                {
                    reason = e.Message;
                }
                catch (IOException e) when (e is not (DirectoryNotFoundException or FileNotFoundException or PathTooLongException))
                {
                    // A dropped connection or a short body; local path errors are not retried.
                    reason = e.Message;
                }
            }

            failures++;
            if (failures >= Math.Max(1, Options.MaxAttempts))
            {
                throw new NumeraiApiException(NumeraiErrors.DownloadInterrupted, name, failures, reason) { StatusCode = status };
            }

            var delay = BackoffDelay(failures);
            logger.LogWarning("Download of {File} interrupted ({Reason}); resuming in {DelayMs} ms", name, reason, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken);
        }
    }

    private static async Task<bool> HasParquetMagicAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        if (file.Length < 12)
        {
            return false;
        }

        var head = new byte[4];
        var tail = new byte[4];
        await file.ReadExactlyAsync(head, cancellationToken);
        file.Seek(-4, SeekOrigin.End);
        await file.ReadExactlyAsync(tail, cancellationToken);
        return head.SequenceEqual("PAR1"u8.ToArray()) && tail.SequenceEqual("PAR1"u8.ToArray());
    }

    private static NumeraiApiException Corrupt(string name, string what) =>
        new(NumeraiErrors.DownloadCorrupt, name, what);

    private static string? S3Message(string body)
    {
        var match = Regex.Match(body, "<Message>(.*?)</Message>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups[1].Value : null;
    }
}
