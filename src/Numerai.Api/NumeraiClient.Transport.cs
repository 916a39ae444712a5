using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.Numerai.Api;

public sealed partial class NumeraiClient
{
    /// <summary>Posts a document and returns its <c>data</c> object; maps every failure to a <see cref="NumeraiApiException"/>.</summary>
    internal async Task<JsonObject> QueryAsync(string operation, string document, JsonObject? variables, bool authenticated, CancellationToken cancellationToken)
    {
        string? authorization = null;
        if (authenticated)
        {
            authorization = Options.Credentials?.AuthorizationValue
                ?? throw new NumeraiApiException(NumeraiErrors.MissingCredentials, operation);
        }

        var body = new JsonObject { ["query"] = document, ["variables"] = variables }.ToJsonString();
        var (status, text) = await SendWithRetriesAsync(operation, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Options.Endpoint)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            return request;
        }, cancellationToken);

        JsonObject? root;
        try
        {
            root = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            root = null;
        }

        var serverMessage = root?["errors"] is JsonArray { Count: > 0 } errors ? LastMessage(errors) : null;
        if (status == HttpStatusCode.BadRequest)
        {
            throw new NumeraiApiException(NumeraiErrors.BadRequest, operation, Clause(serverMessage) ?? "no message") { ServerMessage = serverMessage, StatusCode = 400 };
        }

        if ((int)status is < 200 or > 299)
        {
            throw new NumeraiApiException(NumeraiErrors.UnexpectedResponse, operation, $"HTTP {(int)status}{(serverMessage is null ? "" : ": " + Clause(serverMessage))}") { ServerMessage = serverMessage, StatusCode = (int)status };
        }

        if (root is null)
        {
            throw Unexpected(operation, "not a JSON object");
        }

        if (serverMessage is not null)
        {
            throw FromServerMessage(operation, serverMessage);
        }

        return root["data"] as JsonObject ?? throw Unexpected(operation, "no data");
    }

    private static string LastMessage(JsonArray errors)
    {
        var last = errors[^1];
        return last?["message"]?.ToString() ?? last?["detail"]?.ToString() ?? last?.ToJsonString() ?? "unknown error";
    }

    private static NumeraiApiException FromServerMessage(string operation, string message)
    {
        if (message.Contains("session is invalid", StringComparison.OrdinalIgnoreCase) || message.Contains("not authenticated", StringComparison.OrdinalIgnoreCase)
            || message.Contains("authorization", StringComparison.OrdinalIgnoreCase))
        {
            return new NumeraiApiException(NumeraiErrors.AuthenticationFailed, operation, Sentence(message)) { ServerMessage = message };
        }

        if (message.Contains("round not open", StringComparison.OrdinalIgnoreCase))
        {
            return new NumeraiApiException(NumeraiErrors.RoundNotOpen, operation, Clause(message)) { ServerMessage = message };
        }

        if (message.StartsWith("invalid_submission", StringComparison.Ordinal))
        {
            return new NumeraiApiException(NumeraiErrors.InvalidSubmission, Sentence(message)) { ServerMessage = message };
        }

        return new NumeraiApiException(NumeraiErrors.ServerReportedError, operation, Clause(message)) { ServerMessage = message };
    }

    /// <summary>A server message as a clause of a sentence: without its final period (the template ends the sentence).</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(message))]
    internal static string? Clause(string? message) => message?.Trim().TrimEnd('.');

    /// <summary>A server message as a sentence of its own: ending with a period unless it ends with other punctuation.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The sentence.</returns>
    public static string Sentence(string message)
    {
        var m = message.Trim();
        return m.Length > 0 && m[^1] is '.' or '?' or '!' ? m : m + ".";
    }

    /// <summary>Sends with a per-attempt timeout; retries 5xx, timeouts and connection failures with backoff and jitter.</summary>
    private async Task<(HttpStatusCode Status, string Body)> SendWithRetriesAsync(string operation, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var attempts = Math.Max(1, Options.MaxAttempts);
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            Exception? failure = null;
            int? lastStatus = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(Options.RequestTimeout);
                try
                {
                    using var request = createRequest();
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
                    var text = await response.Content.ReadAsStringAsync(timeout.Token);
                    if ((int)response.StatusCode < 500)
                    {
                        return (response.StatusCode, text);
                    }

                    lastStatus = (int)response.StatusCode;
                    reason = $"HTTP {lastStatus}";
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = e;
                    reason = $"no answer within {Options.RequestTimeout.TotalSeconds:0.#} s";
                }
                catch (HttpRequestException e)
                {
                    failure = e;
                    reason = "connection failed: " + e.Message;
                }
            }

            if (attempt >= attempts)
            {
                throw lastStatus is { } s
                    ? new NumeraiApiException(NumeraiErrors.ServerError, operation, s, attempts) { StatusCode = s }
                    : new NumeraiApiException(NumeraiErrors.Unreachable, failure, Options.Endpoint.GetLeftPart(UriPartial.Authority), operation, attempts, reason);
            }

            var delay = BackoffDelay(attempt);
            logger.LogWarning("Numerai API {Operation} attempt {Attempt} of {Attempts} failed ({Reason}); retrying in {DelayMs} ms", operation, attempt, attempts, reason, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken);
        }
    }

    /// <summary>Exponential backoff with jitter: a random delay in [50 %, 100 %] of base × 2^(attempt−1).</summary>
    internal TimeSpan BackoffDelay(int attempt)
    {
        var step = Options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return TimeSpan.FromMilliseconds(step * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }
}
