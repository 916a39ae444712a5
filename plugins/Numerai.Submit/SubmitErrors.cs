using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Submit;

/// <summary>
/// The NP63xx codes of numerai.submit; docs/errors.md is generated from this catalogue. API failures keep the client's
/// NP65xx code (NumeraiErrors), except a rejected upload (NP6302); declines are exit 0.
/// </summary>
[ErrorCatalogue("numerai.submit")]
internal static class SubmitErrors
{
    /// <summary>The predictions break one of Numerai's submission rules (checked before upload).</summary>
    public static readonly ErrorCode InvalidPredictions = new(
        "NP6301",
        "Predictions break a submission rule",
        "stage '{0}': the predictions in '{1}' break Numerai's submission rules: {2}. Nothing was uploaded. {3}",
        "Fix the predictions (the message gives a hint, e.g. rank: true).");

    /// <summary>Numerai rejected the uploaded file.</summary>
    public static readonly ErrorCode Rejected = new(
        "NP6302",
        "Submission rejected by Numerai",
        "stage '{0}': Numerai rejected the submission: {1} Fix the predictions file and submit again.",
        "Fix the predictions.");

    /// <summary>No round is open (declined).</summary>
    public static readonly ErrorCode RoundClosed = new(
        "NP6303",
        "No round open",
        "no Numerai round is open ({0}); nothing was submitted for '{1}'. Run again when the next round opens.",
        "Run when the next round opens.",
        ExitClass.Declined);

    /// <summary>Staking has closed and late submissions are not allowed (declined).</summary>
    public static readonly ErrorCode LateNotAllowed = new(
        "NP6304",
        "Staking closed",
        "round {0} closed for staking at {1} UTC; nothing was submitted for '{2}'. Set allow_late: true to submit late.",
        "Set allow_late: true to submit late.",
        ExitClass.Declined);

    /// <summary>The same predictions were already submitted for this round and model (declined).</summary>
    public static readonly ErrorCode AlreadySubmitted = new(
        "NP6305",
        "Already submitted",
        "these predictions were already submitted for '{0}' in round {1} (submission {2}, {3}). Set force: true to submit them again.",
        "Set force: true to submit again.",
        ExitClass.Declined);

    /// <summary>The submission was created but could not be read back.</summary>
    public static readonly ErrorCode NotConfirmed = new(
        "NP6306",
        "Submission not confirmed",
        "stage '{0}': Numerai created submission {1} for '{2}' but does not list it among the model's submissions. Check numer.ai before submitting again.",
        "Check numer.ai before resubmitting.");

    /// <summary>A bad option value.</summary>
    public static readonly ErrorCode BadOption = new(
        "NP6307",
        "Bad option",
        "stage '{0}': option '{1}': {2}",
        "Fix the option (api_url an http(s) URL; predictions the predict stage's output).",
        ExitClass.InvalidInput);

    /// <summary>Another execution held the submission lease of this model and round for the whole wait (declined).</summary>
    public static readonly ErrorCode LeaseHeld = new(
        "NP6308",
        "Submission lease held elsewhere",
        "another execution is submitting '{0}' for round {1} ({2}); nothing was uploaded. A later run checks again (the lease lapses after at most lease_ttl_seconds).",
        "Nothing to do: a later run checks again; raise lease_wait_seconds if runs overlap for long.",
        ExitClass.Declined);
}
