using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>Options of <c>numerai.download</c>.</summary>
public sealed class DownloadOptions : IValidatableObject
{
    /// <summary>The GraphQL endpoint.</summary>
    /// <value>Default: NUMERAI_API_URL, else https://api-tournament.numer.ai.</value>
    [Description("GraphQL endpoint; default NUMERAI_API_URL, else https://api-tournament.numer.ai (a sandbox's api_url works too).")]
    public string? ApiUrl { get; set; }

    /// <summary>The API public id; default the secret NUMERAI_PUBLIC_ID (or NUMERAI_PUBLIC_ID_FILE).</summary>
    [Description("API public id; default the secret NUMERAI_PUBLIC_ID (or NUMERAI_PUBLIC_ID_FILE). A sandbox gives its own as ${stages.sandbox.outputs.public_id}.")]
    public string? PublicId { get; set; }

    /// <summary>The API secret key; default the secret NUMERAI_SECRET_KEY (or NUMERAI_SECRET_KEY_FILE). Never logged.</summary>
    [Description("API secret key; default the secret NUMERAI_SECRET_KEY (or NUMERAI_SECRET_KEY_FILE). A sandbox gives its own as ${stages.sandbox.outputs.secret_key}. Sent to api_url whatever its address.")]
    public string? SecretKey { get; set; }

    /// <summary>The dataset version, e.g. <c>v5.1</c>, or <c>latest</c> for the newest listed.</summary>
    /// <value>Default <c>latest</c>.</value>
    [Description("Dataset version, e.g. v5.1, or 'latest' for the newest version listed by the API.")]
    [Required]
    public string Version { get; set; } = "latest";

    /// <summary>The files of the version folder to fetch.</summary>
    /// <value>Default train.parquet, validation.parquet, live.parquet, features.json.</value>
    [Description("Files of the version folder to fetch; each becomes the output named by its stem (train.parquet → train).")]
    [MinLength(1)]
    public List<string> Files { get; set; } = ["train.parquet", "validation.parquet", "live.parquet", "features.json"];

    /// <summary>A past round to fetch, or null for the current round.</summary>
    /// <value>Default null.</value>
    [Description("A past round whose files to fetch; default the current round.")]
    [Range(1, int.MaxValue)]
    public int? Round { get; set; }

    /// <summary>Checked when the pipeline is planned (see <see cref="OptionChecks.Download"/>).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => OptionChecks.Download(this);
}
