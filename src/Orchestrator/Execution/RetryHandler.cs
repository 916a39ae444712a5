using System.Net;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>
/// Retries idempotent requests on connection failures, attempt timeouts, 408, 429 and 5xx, with exponential backoff
/// and full jitter. Each attempt has its own timeout.
/// </summary>
internal sealed class RetryHandler(HttpRetryOptions options, TimeProvider time) : DelegatingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.All })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var retryable = options.RetryNonIdempotent || request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete || request.Method == HttpMethod.Options;
        for (var attempt = 1; ; attempt++)
        {
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptCts.CancelAfter(options.AttemptTimeout);
            HttpResponseMessage? response = null;

            try
            {
                response = await base.SendAsync(request, attemptCts.Token).ConfigureAwait(false);
                if (!IsTransient(response.StatusCode) || !retryable || attempt >= options.MaxAttempts)
                {
                    return response;
                }
            }
            catch (HttpRequestException) when (retryable && attempt < options.MaxAttempts)
            {

            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && retryable && attempt < options.MaxAttempts)
            {

            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)} timed out after {options.AttemptTimeout.TotalSeconds:0.#} s", ex);
            }

            response?.Dispose();
            var cap = options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
            var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode code) => (int)code >= 500 || code is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
