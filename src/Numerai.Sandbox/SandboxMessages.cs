namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>Resolver error texts. Those marked "real" are Numerai's; the others are the sandbox's choice where the real text is unknown (API.md §3).</summary>
internal static class SandboxMessages
{
    /// <summary>Real: bad or revoked keys.</summary>
    public const string InvalidSession = "Your session is invalid or has expired.";

    /// <summary>Real: between rounds.</summary>
    public const string RoundNotOpen = "Current round not open for submissions";

    /// <summary>Guess: an authenticated field without an Authorization header.</summary>
    public const string NotAuthenticated = "You must be authenticated to perform this action (not authenticated).";

    /// <summary>Guess: a model id that is not the account's.</summary>
    public const string UnknownModel = "Model not found or not owned by this account.";

    /// <summary>Guess: no modelId on a multi-model account.</summary>
    public const string ModelIdRequired = "modelId is required for accounts with more than one model.";

    /// <summary>Guess: createSubmission for a file that was never uploaded.</summary>
    public const string FileNotUploaded = "Submission file not found. Upload the file with the URL from submissionUploadAuth first.";

    /// <summary>Guess: pipelineStatus with a date that is not YYYY-MM-DD ({0} is the value).</summary>
    public const string BadDate = "Invalid date '{0}': use YYYY-MM-DD.";

    /// <summary>Guess: a model name v3UserProfile does not know.</summary>
    public const string UnknownModelName = "Model not found.";

    /// <summary>Guess: submissionDownloadAuth for an id that is not one of the account's submissions.</summary>
    public const string UnknownSubmission = "Submission not found.";

    /// <summary>Guess: setSubmissionWebhook with a value that is not an http(s) URL.</summary>
    public const string BadWebhook = "Invalid webhook: it must be an http or https URL.";

    /// <summary>Guess: createDiagnostics for a file that was never uploaded.</summary>
    public const string DiagnosticsFileNotUploaded = "Diagnostics file not found. Upload the file with the URL from diagnosticsUploadAuth first.";
}
