using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Options of <c>notify.webhook</c>.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    /// <summary>The URL that receives the JSON POST.</summary>
    [Required]
    [Description("URL that receives the JSON POST")]
    public string Url { get; set; } = "";

    /// <summary>
    /// The shared secret that signs the body: header <c>X-Signature-256: sha256=&lt;hex HMAC-SHA256 of the exact body bytes&gt;</c>.
    /// Pass it as <c>${secrets.NAME}</c>.
    /// </summary>
    [Required]
    [Description("Shared secret for the X-Signature-256 HMAC-SHA256 signature (use ${secrets.NAME})")]
    public string Secret { get; set; } = "";

    /// <summary>Checked when the pipeline is planned: the URL is an absolute http(s) URL.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (UrlOption.Problem("url", Url) is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(Url)]);
        }
    }
}
