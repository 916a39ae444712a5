using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Options of <c>notify.slack</c>.</summary>
public sealed class SlackOptions
{
    /// <summary>The Slack incoming-webhook URL; a credential: pass it as <c>${secrets.SLACK_WEBHOOK_URL}</c>.</summary>
    [Required]
    [Description("Slack incoming-webhook URL (a secret: use ${secrets.SLACK_WEBHOOK_URL})")]
    public string WebhookUrl { get; set; } = "";

    /// <summary>Text before the headline, e.g. the model's name.</summary>
    /// <value>Default empty.</value>
    [Description("Text shown before the headline, e.g. a model name")]
    public string Title { get; set; } = "";
}
