using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Plugins.Notify.Tests;

public sealed class WebhookStageTests : IAsyncLifetime
{
    private const string Secret = "hmac-shared-secret-42";
    private readonly TempWorkspace workspace = new();
    private HttpReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await HttpReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        workspace.Dispose();
    }

    [Fact]
    public async Task Posts_json_signed_with_hmac_sha256_over_the_exact_body()
    {
        await using var context = new TestStageContext(workspace.Path, "hook");
        Runs.AddFailedSubmission(context);

        await new WebhookStage().RunAsync(context, new WebhookOptions { Url = receiver.BaseUrl + "/hooks/numerai", Secret = Secret }, CancellationToken.None);

        var request = receiver.Requests.ShouldHaveSingleItem();
        request.PathAndQuery.ShouldBe("/hooks/numerai");
        // Verified the way a receiver does it: HMAC of the raw bytes received.
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), request.Body));
        request.Headers["X-Signature-256"].ShouldBe(expected);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        root.GetProperty("pipeline").GetString().ShouldBe("test");
        root.GetProperty("status").GetString().ShouldBe("failed");
        root.GetProperty("round").GetString().ShouldBe("1234");
        root.GetProperty("delivery_id").GetString().ShouldBe(request.Headers["X-Delivery-Id"]);
        context.TestOutputs.Values["delivery_id"].ShouldBe(request.Headers["X-Delivery-Id"]);
        var stages = root.GetProperty("stages");
        stages.GetArrayLength().ShouldBe(5);
        stages[2].GetProperty("summary").GetProperty("corr_mean").GetString().ShouldBe("0.0213");
        stages[3].GetProperty("outcome").GetString().ShouldBe("failed");
        stages[3].GetProperty("code").GetString().ShouldBe("NP6302");
        stages[1].GetProperty("duration_seconds").GetDouble().ShouldBe(75.5);
        context.LogLines.ShouldAllBe(l => !l.Contains(Secret));
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_does_not_match()
    {
        await using var context = new TestStageContext(workspace.Path, "hook");
        Runs.AddSuccessfulSubmission(context);

        await new WebhookStage().RunAsync(context, new WebhookOptions { Url = receiver.BaseUrl + "/h", Secret = Secret }, CancellationToken.None);

        var request = receiver.Requests.Single();
        var forged = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("other"u8, request.Body));
        request.Headers["X-Signature-256"].ShouldNotBe(forged);
    }

    [Fact]
    public async Task A_server_error_fails_with_NP6402_and_keeps_the_secret_out()
    {
        receiver.StatusCode = 500;
        await using var context = new TestStageContext(workspace.Path, "hook");

        var ex = await Should.ThrowAsync<StageException>(() => new WebhookStage().RunAsync(context, new WebhookOptions { Url = receiver.BaseUrl + "/h", Secret = Secret }, CancellationToken.None));

        ex.Code.ShouldBe("NP6402");
        ex.Message.ShouldBe($"notify.webhook: the webhook at {receiver.BaseUrl} answered 500 Internal Server Error: 'no_service'. Check 'url', the receiver and the network; the run's own outcome is unaffected.");
        ex.Message.ShouldNotContain(Secret);
    }
}
