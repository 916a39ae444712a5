namespace NumeraiPipeline.Plugins.Numerai.Submit;

/// <summary>NP63xx codes of numerai.submit (listed in docs/errors.md).</summary>
internal static class SubmitErrorCodes
{
    /// <summary>The predictions break one of Numerai's submission rules (checked before upload).</summary>
    public const string InvalidPredictions = "NP6301";

    /// <summary>Numerai rejected the uploaded file.</summary>
    public const string Rejected = "NP6302";

    /// <summary>No round is open (declined).</summary>
    public const string RoundClosed = "NP6303";

    /// <summary>Staking has closed and late submissions are not allowed (declined).</summary>
    public const string LateNotAllowed = "NP6304";

    /// <summary>The same predictions were already submitted for this round and model (declined).</summary>
    public const string AlreadySubmitted = "NP6305";

    /// <summary>The submission was created but could not be read back.</summary>
    public const string NotConfirmed = "NP6306";

    /// <summary>A bad option value.</summary>
    public const string BadOption = "NP6307";

    /// <summary>Another execution held the submission lease of this model and round for the whole wait (declined).</summary>
    public const string LeaseHeld = "NP6308";
}
