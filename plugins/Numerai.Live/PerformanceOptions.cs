using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NumeraiPipeline.Plugins.Numerai.Live;

/// <summary>Options of <c>numerai.performance</c>.</summary>
public sealed class PerformanceOptions : IValidatableObject
{
    /// <summary>The model name on numer.ai.</summary>
    [Required]
    [Description("The model name on numer.ai (its id is looked up with the account's keys).")]
    public string? Model { get; set; }

    /// <summary>How many of the latest resolved rounds the summary figures cover.</summary>
    /// <value>Default 20.</value>
    [Range(1, 1000)]
    [Description("How many of the latest resolved rounds the summary (corr_mean, mmc_mean, …) covers.")]
    public int LiveRounds { get; set; } = 20;

    /// <summary>Also fetch every daily (intra-round) score.</summary>
    /// <value>Default false.</value>
    [Description("Also fetch every round's daily (intra-round) scores into performance.json.")]
    public bool Daily { get; set; }

    /// <summary>The API endpoint.</summary>
    /// <value>Default NUMERAI_API_URL, else Numerai.</value>
    [Description("The Numerai API endpoint (default NUMERAI_API_URL, else Numerai); e.g. ${stages.sandbox.outputs.api_url}.")]
    public string? ApiUrl { get; set; }

    /// <summary>The API public id; default the secret NUMERAI_PUBLIC_ID (or NUMERAI_PUBLIC_ID_FILE).</summary>
    [Description("API public id; default the secret NUMERAI_PUBLIC_ID (or NUMERAI_PUBLIC_ID_FILE). A sandbox gives its own as ${stages.sandbox.outputs.public_id}.")]
    public string? PublicId { get; set; }

    /// <summary>The API secret key; default the secret NUMERAI_SECRET_KEY (or NUMERAI_SECRET_KEY_FILE). Never logged.</summary>
    [Description("API secret key; default the secret NUMERAI_SECRET_KEY (or NUMERAI_SECRET_KEY_FILE). A sandbox gives its own as ${stages.sandbox.outputs.secret_key}.")]
    public string? SecretKey { get; set; }

    /// <summary>Checked when the pipeline is planned: the endpoint.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (LiveOptionChecks.Endpoint(ApiUrl) is { } endpoint)
        {
            yield return new ValidationResult(endpoint, [nameof(ApiUrl)]);
        }
    }
}
