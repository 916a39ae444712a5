using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NumeraiPipeline.CloudTrigger;

/// <summary>
/// Starts the job through the Cloud Run Admin API v2: <c>POST {api}/v2/{job}:run</c> with
/// <c>overrides.containerOverrides[0].env</c>, authorised with the service account's token from the metadata server.
/// </summary>
internal sealed class CloudRunJobLauncher(HttpClient http, MetadataTokenSource tokens, TriggerSettings settings) : IJobLauncher
{
    /// <inheritdoc />
    public async Task<string> RunAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var env = new JsonArray();
        foreach (var (key, value) in environment)
        {
            env.Add(new JsonObject { ["name"] = key, ["value"] = value });
        }

        var body = new JsonObject
        {
            ["overrides"] = new JsonObject
            {
                ["containerOverrides"] = new JsonArray(new JsonObject { ["env"] = env }),
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.CloudRunApi, $"/v2/{settings.JobName}:run"))
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(cancellationToken));
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new JobLaunchException($"Cloud Run answered {(int)response.StatusCode} to jobs.run of {settings.JobName}: {(text.Length > 300 ? text[..300] : text)}");
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "";
    }
}
