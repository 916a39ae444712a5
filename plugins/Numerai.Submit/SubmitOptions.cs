using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Submit;

/// <summary>Options of <c>numerai.submit</c>. One stage submits one model; a pipeline submits several models with several stages.</summary>
public sealed class SubmitOptions
{
    /// <summary>The model name on numer.ai.</summary>
    [Description("Model name on numer.ai (the account's model list gives its id).")]
    [Required]
    public string Model { get; set; } = "";

    /// <summary>The live predictions: parquet (id + prediction) or CSV (id,prediction).</summary>
    [Description("Live predictions: parquet with 'id' and a prediction column, or CSV id,prediction.")]
    [Required]
    public ArtifactRef? Predictions { get; set; }

    /// <summary>The prediction column to read; default <c>prediction</c>, else <c>probability</c>, else the only value column.</summary>
    [Description("Prediction column to read; default 'prediction', else 'probability', else the only value column.")]
    public string? PredictionColumn { get; set; }

    /// <summary>The round's live.parquet, to check the ids before upload as Numerai does (optional).</summary>
    [Description("The round's live.parquet: ids are checked against it before upload (missing/duplicate ids) as Numerai does.")]
    public ArtifactRef? Live { get; set; }

    /// <summary>Rank the predictions into (0, 1] first (pandas rank(pct=True)).</summary>
    /// <value>Default false.</value>
    [Description("Rank the predictions into (0, 1] before submitting (pandas rank(pct=True)).")]
    public bool Rank { get; set; }

    /// <summary>Submit after staking closed (a late submission).</summary>
    /// <value>Default false: declined with a reason.</value>
    [Description("Submit when staking has closed (a late submission); otherwise the stage declines.")]
    public bool AllowLate { get; set; }

    /// <summary>Submit even if the ledger or Numerai says these predictions were already submitted for this round.</summary>
    /// <value>Default false.</value>
    [Description("Submit even when the same predictions were already submitted for this round and model (ledger or Numerai's latest submission).")]
    public bool Force { get; set; }

    /// <summary>Validate and write the CSV, but upload nothing.</summary>
    /// <value>Default false.</value>
    [Description("Validate and write the CSV that would be uploaded, without contacting Numerai.")]
    public bool DryRun { get; set; }

    /// <summary>The compute trigger id; default env TRIGGER_ID.</summary>
    [Description("Numerai compute trigger id; default the TRIGGER_ID environment variable.")]
    public string? TriggerId { get; set; }

    /// <summary>The GraphQL endpoint; default NUMERAI_API_URL, else the real one.</summary>
    [Description("GraphQL endpoint; default NUMERAI_API_URL, else https://api-tournament.numer.ai. The keys go to it whatever its address.")]
    public string? ApiUrl { get; set; }

    /// <summary>The API public id; default the secret NUMERAI_PUBLIC_ID (or NUMERAI_PUBLIC_ID_FILE).</summary>
    [Description("API public id; default the secret NUMERAI_PUBLIC_ID (or NUMERAI_PUBLIC_ID_FILE). A sandbox gives its own as ${stages.sandbox.outputs.public_id}.")]
    public string? PublicId { get; set; }

    /// <summary>The API secret key; default the secret NUMERAI_SECRET_KEY (or NUMERAI_SECRET_KEY_FILE). Never logged.</summary>
    [Description("API secret key; default the secret NUMERAI_SECRET_KEY (or NUMERAI_SECRET_KEY_FILE). A sandbox gives its own as ${stages.sandbox.outputs.secret_key}.")]
    public string? SecretKey { get; set; }

    /// <summary>How long to wait, in seconds, while another execution submits this model for this round.</summary>
    /// <value>Default 120.</value>
    [Description("Seconds to wait while another execution (an overlapping scheduler retry) holds this model's submission lease for the round; then decline NP6308.")]
    [Range(0, 3600)]
    public int LeaseWaitSeconds { get; set; } = 120;

    /// <summary>How long the submission lease lasts, in seconds, if this execution dies holding it.</summary>
    /// <value>Default 600.</value>
    [Description("Seconds the submission lease lasts if this execution dies while holding it (it is renewed before the upload).")]
    [Range(30, 86400)]
    public int LeaseTtlSeconds { get; set; } = 600;
}
