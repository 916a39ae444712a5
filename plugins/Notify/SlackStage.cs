using Microsoft.Extensions.Logging;
using System.Text;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Posts the run's summary to a Slack incoming webhook.</summary>
[Stage("notify.slack", Description = "Post the run's summary (stages, metrics, round, causes) to a Slack incoming webhook")]
public sealed class SlackStage : IStage<SlackOptions>
{
    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, SlackOptions options, CancellationToken cancellationToken)
    {
        SecretUrls.Register(context.Secrets, options.WebhookUrl);
        var uri = SecretUrls.Parse("notify.slack", "webhook_url", options.WebhookUrl);
        var report = RunReport.From(context.Run);
        var body = Encoding.UTF8.GetBytes(context.Secrets.Redact(SlackMessage.Build(report, options.Title).ToJsonString()));
        await JsonPoster.PostAsync(context, "notify.slack", NotifyErrors.SlackFailed, uri, body, new Dictionary<string, string>(), cancellationToken);
        context.Logger.LogInformation("Posted the summary of {Pipeline} ({Status}) to Slack", report.Pipeline, report.StatusText);
        context.AddSummary("notified", "slack");
        return StageResult.Succeeded();
    }
}
