using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.CloudTrigger.Tests;

/// <summary>The trigger service over real HTTP on loopback, calling a loopback stand-in for Cloud Run.</summary>
public sealed class TriggerAppTests : IAsyncLifetime
{
    private const string Secret = "shared-secret-0123456789abcdef";
    private const string Job = "projects/np-proj/locations/europe-west1/jobs/numerai-daily";
    private FakeGoogleEndpoints google = null!;
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        google = await FakeGoogleEndpoints.StartAsync();
        app = TriggerApp.Build(
            [$"--TRIGGER_SECRET={Secret}", $"--CLOUD_RUN_JOB={Job}", $"--CLOUD_RUN_API={google.BaseUrl}", $"--GCE_METADATA_HOST={google.BaseUrl}"],
            b =>
            {
                b.WebHost.UseUrls("http://127.0.0.1:0");
                b.Logging.ClearProviders();
            });
        await app.StartAsync();
        client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        await google.DisposeAsync();
    }

    [Fact]
    public async Task A_webhook_with_the_secret_starts_the_job_with_TRIGGER_ID()
    {
        using var request = Webhook("""{"roundNumber":1234,"dataVersion":"v5.1","triggerId":"trig-7f3a"}""");
        request.Headers.Add("X-Trigger-Secret", Secret);

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("operation").GetString().ShouldBe("projects/np-proj/locations/europe-west1/operations/op-42");
        var call = google.RunCalls.ShouldHaveSingleItem();
        call.Path.ShouldBe($"/v2/{Job}:run");
        call.Authorization.ShouldBe($"Bearer {FakeGoogleEndpoints.Token}");
        using var body = JsonDocument.Parse(call.Body);
        var env = body.RootElement.GetProperty("overrides").GetProperty("containerOverrides")[0].GetProperty("env")
            .EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("value").GetString()!);
        env.ShouldBe(new Dictionary<string, string> { ["TRIGGER_ID"] = "trig-7f3a", ["NUMERAI_ROUND"] = "1234", ["NUMERAI_DATA_VERSION"] = "v5.1" });
    }

    [Fact]
    public async Task The_secret_may_come_in_the_query_and_the_token_is_reused()
    {
        using var first = await client.SendAsync(Webhook("""{"triggerId":"a1"}""", "?secret=" + Secret));
        using var second = await client.SendAsync(Webhook("""{"triggerId":"a2"}""", "?secret=" + Secret));

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        second.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        google.RunCalls.Count.ShouldBe(2);
        google.TokenCalls.ShouldBe(1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret")]
    [InlineData("shared-secret-0123456789abcdeF")]
    public async Task A_missing_or_wrong_secret_is_401_and_starts_nothing(string? presented)
    {
        using var request = Webhook("""{"roundNumber":1,"triggerId":"x"}""");
        if (presented is not null)
        {
            request.Headers.Add("X-Trigger-Secret", presented);
        }

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(Secret);
        google.RunCalls.ShouldBeEmpty();
        google.TokenCalls.ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"roundNumber":1}""")]
    [InlineData("""{"triggerId":"bad id; rm -rf"}""")]
    [InlineData("not json")]
    public async Task A_body_without_a_valid_trigger_id_is_400(string json)
    {
        using var request = Webhook(json);
        request.Headers.Add("X-Trigger-Secret", Secret);

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        google.RunCalls.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refusal_from_cloud_run_is_502_with_the_reason()
    {
        google.RunStatus = 403;
        using var request = Webhook("""{"triggerId":"t"}""");
        request.Headers.Add("X-Trigger-Secret", Secret);

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Cloud Run answered 403 to jobs.run of " + Job);
    }

    [Fact]
    public void A_short_secret_or_a_bad_job_name_stops_the_service_at_start()
    {
        Should.Throw<TriggerConfigurationException>(() => TriggerApp.Build(["--TRIGGER_SECRET=short", $"--CLOUD_RUN_JOB={Job}"]))
            .Line.ShouldBe("error NP6791: TRIGGER_SECRET is missing or shorter than 16 characters. Set it from Secret Manager (see deploy/gcp/README.md).");
        var job = Should.Throw<TriggerConfigurationException>(() => TriggerApp.Build([$"--TRIGGER_SECRET={Secret}", "--CLOUD_RUN_JOB=numerai-daily"]));
        job.Error.ShouldBe(TriggerErrors.BadJobName);
        job.Line.ShouldBe("error NP6792: CLOUD_RUN_JOB is 'numerai-daily', expected projects/PROJECT/locations/REGION/jobs/JOB. Set it to the job's full name.");
    }

    [Fact]
    public void A_secret_file_that_cannot_be_read_stops_the_service_at_start_with_NP6793()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"trigger-secret-{Guid.NewGuid():N}", "secret");

        var ex = Should.Throw<TriggerConfigurationException>(() => TriggerApp.Build([$"--TRIGGER_SECRET_FILE={missing}", $"--CLOUD_RUN_JOB={Job}"]));

        ex.Error.Exit.ShouldBe(NumeraiPipeline.Sdk.ExitClass.Environment);
        ex.Line.ShouldBe($"error NP6793: TRIGGER_SECRET_FILE names '{missing}', which cannot be read (Could not find a part of the path '{missing}'). Mount the secret at that path, or set TRIGGER_SECRET.");
    }

    [Fact]
    public void Secrets_compare_equal_only_when_identical()
    {
        SharedSecret.Matches(Secret, Secret).ShouldBeTrue();
        SharedSecret.Matches(Secret + "x", Secret).ShouldBeFalse();
        SharedSecret.Matches("", Secret).ShouldBeFalse();
    }

    private static HttpRequestMessage Webhook(string json, string query = "") =>
        new(HttpMethod.Post, TriggerApp.WebhookPath + query) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
}
