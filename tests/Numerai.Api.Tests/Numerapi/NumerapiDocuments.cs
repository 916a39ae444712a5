using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NumeraiPipeline.Numerai.Api.Tests.Numerapi;

/// <summary>
/// numerapi's GraphQL documents, copied as data from numerapi 2.23.1 (uuazed/numerapi @ d13150383ca3bce4d4d0b3ce4facfc77a4a88b6b,
/// numerapi/base_api.py and numerapi/numerapi.py) into numerapi-2.23.1-documents.json, and posted the way numerapi posts
/// them (JSON body {query, variables}, Authorization "Token PUBLIC$SECRET" where numerapi sets authorization=True).
/// The checks mirror what numerapi's code reads from the answer (utils.parse_float_string needs a string,
/// utils.parse_datetime_string a string, dict keys as written in the document).
/// </summary>
internal static class NumerapiDocuments
{
    public const string Authorization = "Token " + NumeraiCredentials.SandboxPublicId + "$" + NumeraiCredentials.SandboxSecretKey;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Documents = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Numerapi", "numerapi-2.23.1-documents.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!["documents"]!.AsObject();
        return root.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
    });

    public static string Get(string function) => Documents.Value[function];

    public static IEnumerable<string> Names => Documents.Value.Keys;

    /// <summary>Posts a numerapi document; returns the HTTP status and the parsed body.</summary>
    public static async Task<(int Status, JsonObject Body)> PostAsync(Uri endpoint, string function, object? variables, bool authorization)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = JsonContent.Create(new { query = Get(function), variables }) };
        request.Headers.Accept.ParseAdd("application/json");
        if (authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        }

        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Posts and returns <c>data</c>, failing on anything numerapi would raise for (non-200, <c>errors</c>).</summary>
    public static async Task<JsonObject> DataAsync(Uri endpoint, string function, object? variables = null, bool authorization = false)
    {
        var (status, body) = await PostAsync(endpoint, function, variables, authorization);
        status.ShouldBe(200, $"{function}: {body.ToJsonString()}");
        body.ContainsKey("errors").ShouldBeFalse($"{function}: {body["errors"]?.ToJsonString()}");
        return body["data"]!.AsObject();
    }

    /// <summary>utils.parse_float_string: null or a string Decimal accepts (after removing commas).</summary>
    public static void ShouldBeNmr(JsonNode? node, string what)
    {
        if (node is null)
        {
            return;
        }

        node.GetValueKind().ShouldBe(JsonValueKind.String, $"{what} must be a string: numerapi calls .replace on it");
        decimal.TryParse(node.GetValue<string>().Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out _).ShouldBeTrue(what);
    }

    /// <summary>utils.parse_datetime_string: null or an ISO 8601 string dateutil parses.</summary>
    public static void ShouldBeTime(JsonNode? node, string what)
    {
        if (node is null)
        {
            return;
        }

        node.GetValueKind().ShouldBe(JsonValueKind.String, $"{what} must be a string: numerapi parses it with dateutil");
        DateTimeOffset.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _).ShouldBeTrue(what);
    }
}
