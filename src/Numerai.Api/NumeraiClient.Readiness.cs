using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace NumeraiPipeline.Numerai.Api;

/// <summary>What <c>numerai-pipeline doctor</c> asks the API: the keys' scopes, and the server's clock.</summary>
public sealed partial class NumeraiClient
{
    /// <summary>The account's API keys with their scopes (<c>account { apiTokens { name publicId scopes } }</c>, authenticated).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The keys.</returns>
    public async Task<IReadOnlyList<ApiTokenInfo>> GetApiTokensAsync(CancellationToken cancellationToken = default)
    {
        var data = await QueryAsync("account", "query { account { apiTokens { name publicId scopes } } }", null, true, cancellationToken);
        var tokens = data["account"]?["apiTokens"] as JsonArray ?? [];
        return
        [
            .. tokens.OfType<JsonObject>().Select(t => new ApiTokenInfo(
                t["name"]?.ToString(),
                t["publicId"]?.ToString() ?? "",
                t["scopes"] is JsonArray scopes ? [.. scopes.Select(s => s?.ToString()).OfType<string>()] : [])),
        ];
    }

    /// <summary>
    /// The server's clock: the <c>Date</c> header of its answer to a public query (one attempt, no retry), or null
    /// when it sent none. Throws a <see cref="NumeraiApiException"/> (unreachable) when it cannot be asked.
    /// </summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The server's time, to the second.</returns>
    public async Task<DateTimeOffset?> GetServerDateAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RequestTimeout);
        var body = new JsonObject { ["query"] = "query($tournament: Int!) { rounds(tournament: $tournament number: 0) { number } }", ["variables"] = new JsonObject { ["tournament"] = Options.Tournament } }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, Options.Endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.Headers.Date;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new NumeraiApiException(NumeraiErrors.Unreachable, e, Options.Endpoint.GetLeftPart(UriPartial.Authority), "rounds", 1, e.Message.TrimEnd('.'));
        }
    }
}
