using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Live;

/// <summary>Options of <c>numerai.diagnostics</c>.</summary>
public sealed class DiagnosticsOptions : IValidatableObject
{
    /// <summary>The model name on numer.ai.</summary>
    [Required]
    [Description("The model name on numer.ai the diagnostics belong to.")]
    public string? Model { get; set; }

    /// <summary>Validation predictions (parquet or CSV with id and a prediction column).</summary>
    [Required]
    [Description("Validation predictions: parquet or CSV with id and a prediction column (e.g. a lightgbm.predict output on validation.parquet).")]
    public ArtifactRef? Predictions { get; set; }

    /// <summary>The prediction column.</summary>
    /// <value>Default prediction, else probability, else the only value column.</value>
    [Description("The prediction column (default prediction, else probability, else the only value column).")]
    public string? PredictionColumn { get; set; }

    /// <summary>Time between two checks of the diagnostics' status (on the run's clock).</summary>
    /// <value>Default 30s.</value>
    [Description("Time between two status checks, e.g. 30s, 2m.")]
    public string PollInterval { get; set; } = "30s";

    /// <summary>How long to wait for Numerai to compute them.</summary>
    /// <value>Default 30m.</value>
    [Description("How long to wait for Numerai to compute the diagnostics before failing (NP6803).")]
    public string MaxWait { get; set; } = "30m";

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

    /// <summary>Checked when the pipeline is planned: the durations and the endpoint.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        foreach (var (option, member, value) in new[] { ("poll_interval", nameof(PollInterval), PollInterval), ("max_wait", nameof(MaxWait), MaxWait) })
        {
            if (!DurationText.TryParse(value, out _))
            {
                yield return new ValidationResult($"option '{option}': '{value}' is not a duration. {DurationText.Forms}.{DurationText.Suggest(value)}", [member]);
            }
        }

        if (LiveOptionChecks.Endpoint(ApiUrl) is { } endpoint)
        {
            yield return new ValidationResult(endpoint, [nameof(ApiUrl)]);
        }
    }
}
