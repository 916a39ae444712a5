using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>Options of <c>numerai.round</c>.</summary>
public sealed class RoundOptions : IValidatableObject
{
    /// <summary>GraphQL endpoint.</summary>
    [Description("GraphQL endpoint; default NUMERAI_API_URL, else https://api-tournament.numer.ai (a sandbox's api_url works too).")]
    public string? ApiUrl { get; set; }

    /// <summary>The API public id; default the secret NUMERAI_PUBLIC_ID (or NUMERAI_PUBLIC_ID_FILE).</summary>
    [Description("API public id; default the secret NUMERAI_PUBLIC_ID (or NUMERAI_PUBLIC_ID_FILE). A sandbox gives its own as ${stages.sandbox.outputs.public_id}.")]
    public string? PublicId { get; set; }

    /// <summary>The API secret key; default the secret NUMERAI_SECRET_KEY (or NUMERAI_SECRET_KEY_FILE). Never logged.</summary>
    [Description("API secret key; default the secret NUMERAI_SECRET_KEY (or NUMERAI_SECRET_KEY_FILE). A sandbox gives its own as ${stages.sandbox.outputs.secret_key}. Sent to api_url whatever its address.")]
    public string? SecretKey { get; set; }

    /// <summary>Whether to wait for the next round when none is open.</summary>
    [Description("Between rounds, wait (polling) for the next round to open instead of declining at once.")]
    public bool WaitForOpen { get; set; } = true;

    /// <summary>How long to wait at most.</summary>
    [Description("Longest wait for a round to open: 90m, 2h, 45s, a number of seconds, or hh:mm:ss.")]
    public string MaxWait { get; set; } = "2h";

    /// <summary>Time between polls.</summary>
    [Description("Time between two questions to the API while waiting (more than 0): 60s, 5m, ...")]
    public string PollInterval { get; set; } = "60s";

    /// <summary>Whether a late round (staking closed, submissions still accepted) counts.</summary>
    [Description("Accept a round whose staking window has closed while late submissions are still taken (state late).")]
    public bool AllowLate { get; set; }

    /// <summary>Less time than this before the staking close counts as missed.</summary>
    [Description("A round with less than this left before its staking close counts as missed (there is no time to train and upload): 5m, 1h, ...")]
    public string MinTimeLeft { get; set; } = "5m";

    /// <summary>Checked when the pipeline is planned (see <see cref="OptionChecks.Round"/>).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => OptionChecks.Round(this);
}
