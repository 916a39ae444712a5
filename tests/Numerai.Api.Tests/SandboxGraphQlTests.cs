using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace NumeraiPipeline.Numerai.Api.Tests;

/// <summary>The sandbox's raw GraphQL answers: status codes and body shapes as the real server sends them.</summary>
public sealed class SandboxGraphQlTests
{
    private static async Task<(int Status, JsonObject Body)> PostAsync(SandboxHarness h, string query, object? variables = null, string? authorization = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, h.Server.Url) { Content = JsonContent.Create(new { query, variables }) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Unknown_field_is_400_without_data_and_with_a_suggestion()
    {
        await using var h = await SandboxHarness.StartAsync();
        var (status, body) = await PostAsync(h, "query { acount { models { id } } }");
        status.ShouldBe(400);
        body.ContainsKey("data").ShouldBeFalse();
        body["errors"]![0]!["message"]!.ToString().ShouldBe("Cannot query field \"acount\" on type \"RootQueryType\". Did you mean \"account\"?");
        body["errors"]![0]!["locations"]![0]!["column"]!.GetValue<int>().ShouldBe(9);
    }

    [Fact]
    public async Task Unknown_argument_missing_required_argument_and_syntax_errors_are_400()
    {
        await using var h = await SandboxHarness.StartAsync();
        (await PostAsync(h, "query { listDatasets(rnd: 3) }")).Body["errors"]![0]!["message"]!.ToString()
            .ShouldBe("Unknown argument \"rnd\" on field \"listDatasets\" of type \"RootQueryType\".");
        (await PostAsync(h, "query($t: Int) { rounds(tournament: $t number: 0) { number } dataset(round: 1) }")).Body["errors"]![0]!["message"]!.ToString()
            .ShouldBe("In argument \"filename\": Expected type \"String!\", found null.");
        var (status, body) = await PostAsync(h, "query { rounds(number: 0) { number }");
        status.ShouldBe(400);
        body["errors"]![0]!["message"]!.ToString().ShouldStartWith("syntax error before:");
        (await PostAsync(h, "query { account }", null, "Token a$b")).Body["errors"]![0]!["message"]!.ToString().ShouldContain("must have a selection of subfields");
        (await PostAsync(h, "query { rounds(number: \"x\") { number } }")).Status.ShouldBe(400);
    }

    [Fact]
    public async Task Resolver_errors_are_200_with_null_data_and_a_path()
    {
        await using var h = await SandboxHarness.StartAsync();
        var (status, body) = await PostAsync(h, "query { account { models { id name tournament } } }", null, "Token nobody$wrong");
        status.ShouldBe(200);
        body["data"]!["account"].ShouldBeNull();
        body["errors"]![0]!["message"]!.ToString().ShouldBe("Your session is invalid or has expired.");
        body["errors"]![0]!["path"]![0]!.ToString().ShouldBe("account");
    }

    [Fact]
    public async Task Numerapi_documents_are_answered_with_the_names_as_written()
    {
        await using var h = await SandboxHarness.StartAsync();
        const string auth = "Token " + NumeraiCredentials.SandboxPublicId + "$" + NumeraiCredentials.SandboxSecretKey;
        var (_, upload) = await PostAsync(
            h,
            "query($filename: String! $tournament: Int! $modelId: String) { submission_upload_auth(filename: $filename tournament: $tournament modelId: $modelId) { filename url } }",
            new { filename = "preds.csv", tournament = 8, modelId = h.Server.ModelIds["demo_model"] },
            auth);
        upload["data"]!["submission_upload_auth"]!["filename"]!.ToString().ShouldStartWith("preds-");
        var (_, rounds) = await PostAsync(h, "query($tournament: Int!) { rounds(tournament: $tournament number: 0) { number openTime closeStakingTime } }", new { tournament = 8 });
        rounds["data"]!["rounds"]![0]!["number"]!.GetValue<int>().ShouldBe(1000);
        var (status, missing) = await PostAsync(h, "query($tournament: Int!) { rounds(tournament: $tournament number: 0) { number } }", new { });
        status.ShouldBe(400);
        missing["errors"]![0]!["message"]!.ToString().ShouldContain("Expected non-null");
    }

    [Fact]
    public async Task Injected_gateway_errors_are_html_and_500_is_json()
    {
        await using var h = await SandboxHarness.StartAsync();
        h.Server.Faults.FailGraphQl(1);
        using var http = new HttpClient();
        using var response = await http.PostAsync(h.Server.Url, JsonContent.Create(new { query = "query { listDatasets }" }));
        ((int)response.StatusCode).ShouldBe(503);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<html>");
        h.Server.Faults.GraphQlFailureStatus = 500;
        h.Server.Faults.FailGraphQl(1);
        var (status, body) = await PostAsync(h, "query { listDatasets }");
        status.ShouldBe(500);
        body["errors"]![0]!["message"]!.ToString().ShouldBe("Internal server error");
        h.Server.InternalErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Range_requests_get_206_with_content_range()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client();
        var url = await client.GetDatasetUrlAsync("v5.2/train.parquet");
        var length = new FileInfo(Path.Combine(h.DataDirectory, "v5.2", "train.parquet")).Length;
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(10, 19);
        using var response = await http.SendAsync(request);
        ((int)response.StatusCode).ShouldBe(206);
        response.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes 10-19/{length}");
        (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBe(10);
        using var beyond = new HttpRequestMessage(HttpMethod.Get, url);
        beyond.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(length + 5, null);
        using var refused = await http.SendAsync(beyond);
        ((int)refused.StatusCode).ShouldBe(416);
        using var tampered = await http.GetAsync(url.ToString().Replace("train.parquet", "live.parquet", StringComparison.Ordinal));
        ((int)tampered.StatusCode).ShouldBe(403);
        (await tampered.Content.ReadAsStringAsync()).ShouldContain("SignatureDoesNotMatch");
    }
}
