using System.Text.Json;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Plugins.Notify.Tests;

public sealed class SlackStageTests : IAsyncLifetime
{
    private const string SecretPath = "/services/T000/B000/xoxsecretpart123";
    private readonly TempWorkspace workspace = new();
    private HttpReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await HttpReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        workspace.Dispose();
    }

    [Fact]
    public async Task Posts_a_readable_summary_with_round_outcomes_metrics_and_cause()
    {
        await using var context = Context();
        Runs.AddFailedSubmission(context);

        var result = await new SlackStage().RunAsync(context, new SlackOptions { WebhookUrl = receiver.BaseUrl + SecretPath, Title = "model-a" }, CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Succeeded);
        var request = receiver.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe(SecretPath);
        request.Headers["Content-Type"].ShouldStartWith("application/json");
        using var json = JsonDocument.Parse(request.Body);
        var text = json.RootElement.GetProperty("text").GetString()!;
        text.ShouldStartWith("model-a · test: FAILED (round 1234)");
        var blocks = json.RootElement.GetProperty("blocks");
        blocks[0].GetProperty("text").GetProperty("text").GetString().ShouldBe("model-a · test: FAILED (round 1234)");
        var section = blocks[1].GetProperty("text").GetProperty("text").GetString()!;
        section.ShouldContain(":white_check_mark: *download* up-to-date in 200 ms");
        section.ShouldContain(":white_check_mark: *train* succeeded in 1m 15s");
        section.ShouldContain("corr_mean: 0.0213, sharpe: 1.07");
        section.ShouldContain(":x: *submit* failed in 3.0 s");
        section.ShouldContain("_NP6302: the round 1234 closed at 13:00 UTC &lt;before&gt; the upload &amp; check_");
        section.ShouldContain(":fast_forward: *report* skipped");
    }

    [Fact]
    public async Task Shows_the_submission_id_of_a_successful_run()
    {
        await using var context = Context();
        Runs.AddSuccessfulSubmission(context);

        await new SlackStage().RunAsync(context, new SlackOptions { WebhookUrl = receiver.BaseUrl + SecretPath }, CancellationToken.None);

        var text = JsonDocument.Parse(receiver.Requests.Single().Body).RootElement.GetProperty("text").GetString()!;
        text.ShouldStartWith("test: succeeded (round 1235)");
        text.ShouldContain("submission_id=5f2c-subm-0001");
    }

    [Fact]
    public async Task A_rejected_post_fails_with_NP6401_without_revealing_the_webhook_url()
    {
        receiver.StatusCode = 404;
        await using var context = Context();
        Runs.AddFailedSubmission(context);

        var ex = await Should.ThrowAsync<StageException>(() => new SlackStage().RunAsync(context, new SlackOptions { WebhookUrl = receiver.BaseUrl + SecretPath }, CancellationToken.None));

        ex.Code.ShouldBe("NP6401");
        ex.Message.ShouldBe($"notify.slack: the Slack webhook at {receiver.BaseUrl} answered 404 Not Found: 'no_service'. Check webhook_url (the channel's incoming-webhook URL) and the network; the run's own outcome is unaffected.");
        ex.Message.ShouldNotContain("xoxsecretpart123");
        context.LogLines.ShouldAllBe(l => !l.Contains("xoxsecretpart123"));
    }

    [Fact]
    public async Task A_rate_limited_post_is_sent_again_after_retry_after()
    {
        receiver.RateLimitNext = 2;
        await using var context = Context();
        Runs.AddSuccessfulSubmission(context);

        var result = await new SlackStage().RunAsync(context, new SlackOptions { WebhookUrl = receiver.BaseUrl + SecretPath }, CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Succeeded);
        receiver.Requests.Count.ShouldBe(3);
        receiver.Requests.Select(r => r.BodyText).Distinct().Count().ShouldBe(1);
        context.LogLines.Count(l => l.StartsWith($"Warning: Rate limited by {receiver.BaseUrl}", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task Gives_up_after_three_rate_limited_attempts_with_NP6401()
    {
        receiver.RateLimitNext = 5;
        await using var context = Context();

        var ex = await Should.ThrowAsync<StageException>(() => new SlackStage().RunAsync(context, new SlackOptions { WebhookUrl = receiver.BaseUrl + SecretPath }, CancellationToken.None));

        ex.Code.ShouldBe("NP6401");
        ex.Message.ShouldBe(NotifyErrors.SlackFailed.Format(receiver.BaseUrl, "answered 429 Too Many Requests: 'no_service'"));
        receiver.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task An_unreachable_webhook_fails_with_NP6401()
    {
        var closed = receiver.BaseUrl;
        await receiver.DisposeAsync();
        receiver = await HttpReceiver.StartAsync();
        await using var context = Context();

        var ex = await Should.ThrowAsync<StageException>(() => new SlackStage().RunAsync(context, new SlackOptions { WebhookUrl = closed + SecretPath }, CancellationToken.None));

        ex.Code.ShouldBe("NP6401");
        ex.Message.ShouldStartWith($"notify.slack: the Slack webhook at {closed} could not be reached: ");
        ex.Message.ShouldEndWith(". Check webhook_url (the channel's incoming-webhook URL) and the network; the run's own outcome is unaffected.");
        ex.Message.ShouldNotContain("xoxsecretpart123");
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_an_option_error()
    {
        await using var context = Context();

        var ex = await Should.ThrowAsync<StageException>(() => new SlackStage().RunAsync(context, new SlackOptions { WebhookUrl = "hooks.slack.com/services/T/B/xoxsecretpart123" }, CancellationToken.None));

        ex.Code.ShouldBe("NP6407");
        ex.ExitCode.ShouldBe(2);
        ex.Message.ShouldBe("notify.slack: option 'webhook_url' is not an absolute http(s) URL. Set it to the full URL, e.g. '${secrets.SLACK_WEBHOOK_URL}' for a secret.");
        ex.Message.ShouldNotContain("xoxsecretpart123");
    }

    private TestStageContext Context() => new(workspace.Path, "notify");
}
