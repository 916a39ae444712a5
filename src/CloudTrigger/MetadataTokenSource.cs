using System.Text.Json;

namespace NumeraiPipeline.CloudTrigger;

/// <summary>
/// Access tokens of the service's own service account from the metadata server (Cloud Run), cached until a
/// minute before they expire.
/// </summary>
internal sealed class MetadataTokenSource(HttpClient http, Uri metadataServer, TimeProvider time)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? token;
    private DateTimeOffset expires;

    /// <summary>Gets a valid token.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (token is not null && time.GetUtcNow() < expires)
            {
                return token;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(metadataServer, "/computeMetadata/v1/instance/service-accounts/default/token"));
            request.Headers.Add("Metadata-Flavor", "Google");
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new JobLaunchException($"the metadata server answered {(int)response.StatusCode} for the service account token");
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            token = json.RootElement.GetProperty("access_token").GetString() ?? throw new JobLaunchException("the metadata server's token response has no access_token");
            expires = time.GetUtcNow().AddSeconds(json.RootElement.GetProperty("expires_in").GetInt32() - 60);
            return token;
        }
        finally
        {
            gate.Release();
        }
    }
}
