using Microsoft.Extensions.Logging;
using System.Text;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>POSTs the run's summary as JSON, signed with HMAC-SHA256.</summary>
[Stage("notify.webhook", Description = "POST the run's summary as JSON to a URL, signed with X-Signature-256 (HMAC-SHA256)")]
[StageOutput("delivery_id", Description = "The id sent in X-Delivery-Id and the body (receivers deduplicate retries with it)", Kind = OutputKind.Value)]
public sealed class WebhookStage : IStage<WebhookOptions>
{
    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, WebhookOptions options, CancellationToken cancellationToken)
    {
        context.Secrets.Register(options.Secret);
        var uri = SecretUrls.Parse("notify.webhook", "url", options.Url);
        var report = RunReport.From(context.Run);
        var deliveryId = Guid.NewGuid().ToString("N");
        var body = Encoding.UTF8.GetBytes(context.Secrets.Redact(WebhookPayload.Build(report, deliveryId).ToJsonString()));
        var headers = new Dictionary<string, string>
        {
            [WebhookSignature.Header] = WebhookSignature.Sign(options.Secret, body),
            ["X-Delivery-Id"] = deliveryId,
            ["User-Agent"] = "numerai-pipeline-notify",
        };
        var status = await JsonPoster.PostAsync(context, "notify.webhook", NotifyErrors.WebhookFailed, uri, body, headers, cancellationToken);
        context.Logger.LogInformation("Posted the summary of {Pipeline} ({Status}) to {Endpoint}: {StatusCode}", report.Pipeline, report.StatusText, SecretUrls.Describe(uri), status);
        context.Outputs.SetValue("delivery_id", deliveryId);
        context.AddSummary("delivery_id", deliveryId);
        return StageResult.Succeeded();
    }
}
