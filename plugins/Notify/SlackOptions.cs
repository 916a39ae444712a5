using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Options of <c>notify.slack</c>.</summary>
public sealed class SlackOptions : IValidatableObject
{
    /// <summary>The Slack incoming-webhook URL; a credential: pass it as <c>${secrets.SLACK_WEBHOOK_URL}</c>.</summary>
    [Required]
    [Description("Slack incoming-webhook URL (a secret: use ${secrets.SLACK_WEBHOOK_URL})")]
    public string WebhookUrl { get; set; } = "";

    /// <summary>Text before the headline, e.g. the model's name.</summary>
    /// <value>Default empty.</value>
    [Description("Text shown before the headline, e.g. a model name")]
    public string Title { get; set; } = "";

    /// <summary>Checked when the pipeline is planned: the URL is an absolute http(s) URL.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (UrlOption.Problem("webhook_url", WebhookUrl) is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(WebhookUrl)]);
        }
    }
}
