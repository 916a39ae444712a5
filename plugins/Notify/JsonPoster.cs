using System.Diagnostics;
using Microsoft.Extensions.Logging;
using System.Net.Http.Headers;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>POSTs a JSON body with the host's retrying HttpClient and turns every failure into a coded, redacted error.</summary>
internal static class JsonPoster
{
    /// <summary>Retries for notifications: connection failures, timeouts and 5xx, POST included (receivers see a delivery id).</summary>
    private const int MaxRateLimitAttempts = 3;
    private static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromSeconds(30);

    private static readonly HttpRetryOptions Retry = new()
    {
        MaxAttempts = 3,
        BaseDelay = TimeSpan.FromSeconds(1),
        AttemptTimeout = TimeSpan.FromSeconds(30),
        RetryNonIdempotent = true,
    };

    /// <summary>Sends the body; returns the status code on success, throws <see cref="StageException"/> otherwise.</summary>
    public static async Task<int> PostAsync(
        StageContext context,
        string stageType,
        ErrorCode code,
        Uri uri,
        byte[] body,
        IReadOnlyDictionary<string, string> headers,
        CancellationToken cancellationToken)
    {
        using var activity = context.ActivitySource.StartActivity("notify.post");
        activity?.SetTag("notify.type", stageType);
        activity?.SetTag("http.request.body.size", body.Length);
        using var client = context.CreateHttpClient(Retry);
        try
        {
            using var response = await SendAsync(context, client, uri, body, headers, cancellationToken);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                return (int)response.StatusCode;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.Length > 200)
            {
                text = text[..200] + "…";
            }

            throw Fail(context, activity, code, uri, $"answered {(int)response.StatusCode} {response.ReasonPhrase}: '{text.Trim()}'");
        }
        catch (HttpRequestException ex)
        {
            throw Fail(context, activity, code, uri, $"could not be reached: {ex.Message.TrimEnd('.')}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(context, activity, code, uri, "did not answer in time");
        }
    }

    /// <summary>Sends, and honours 429 Too Many Requests (Slack's rate limit) by waiting its Retry-After, at most twice.</summary>
    private static async Task<HttpResponseMessage> SendAsync(StageContext context, HttpClient client, Uri uri, byte[] body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode != System.Net.HttpStatusCode.TooManyRequests || attempt >= MaxRateLimitAttempts)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta
                ?? (response.Headers.RetryAfter?.Date is { } date ? date - context.Time.GetUtcNow() : TimeSpan.FromSeconds(1));
            wait = TimeSpan.FromTicks(Math.Clamp(wait.Ticks, 0, MaxRateLimitWait.Ticks));
            response.Dispose();
            context.Logger.LogWarning("Rate limited by {Endpoint}; retrying in {Wait}", SecretUrls.Describe(uri), wait);
            await Task.Delay(wait, context.Time, cancellationToken);
        }
    }

    /// <summary>The code's exception; what happened is redacted (a library message may quote the secret URL).</summary>
    private static StageException Fail(StageContext context, Activity? activity, ErrorCode code, Uri uri, string what)
    {
        var failure = code.Exception(SecretUrls.Describe(uri), context.Secrets.Redact(what));
        activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
        return failure;
    }
}
