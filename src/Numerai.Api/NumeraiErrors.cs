using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Api;

/// <summary>
/// The NP65xx codes of the Numerai API client (<see cref="NumeraiApiException.Error"/>); docs/errors.md is generated
/// from this catalogue. A stage wraps them with its id (<c>stage 'ID': </c>) and keeps the code; missing or refused
/// keys exit 3. Server messages are quoted as placeholders; keys and signed URLs never are.
/// </summary>
[ErrorCatalogue("Numerai API client")]
public static class NumeraiErrors
{
    /// <summary>An authenticated operation was called without API keys.</summary>
    public static readonly ErrorCode MissingCredentials = new(
        "NP6501",
        "No API keys",
        "Numerai API: '{0}' needs API keys, and none are set. Set NUMERAI_PUBLIC_ID and NUMERAI_SECRET_KEY (or NUMERAI_PUBLIC_ID_FILE / NUMERAI_SECRET_KEY_FILE) from numer.ai → Account → API keys; a stage also takes them as its options public_id and secret_key.",
        "Set NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY (or _FILE), or a stage's public_id / secret_key.",
        ExitClass.Environment);

    /// <summary>The server refused the keys ("Your session is invalid or has expired.").</summary>
    public static readonly ErrorCode AuthenticationFailed = new(
        "NP6502",
        "API keys refused",
        "Numerai API refused the API keys for '{0}': {1} Check NUMERAI_PUBLIC_ID and NUMERAI_SECRET_KEY; create new keys on numer.ai if they were revoked.",
        "Check or renew the keys.",
        ExitClass.Environment);

    /// <summary>No round is open ("Current round not open for submissions", or no current round at all).</summary>
    public static readonly ErrorCode RoundNotOpen = new(
        "NP6503",
        "No round open",
        "Numerai API: {1} ('{0}'). Rounds open Tuesday to Saturday around 13:00 UTC; run again when the next round opens.",
        "Run when the next round opens.");

    /// <summary>The server rejected an uploaded submission (numerai-tools rule message).</summary>
    public static readonly ErrorCode InvalidSubmission = new(
        "NP6504",
        "Submission rejected",
        "Numerai rejected the submission: {0} Fix the predictions file and submit again.",
        "Fix the predictions.");

    /// <summary>The server rejected the GraphQL document (HTTP 400: unknown field, bad argument).</summary>
    public static readonly ErrorCode BadRequest = new(
        "NP6505",
        "Request rejected (HTTP 400)",
        "Numerai API rejected the request '{0}' (HTTP 400): {1}. The API may have changed; update numerai-pipeline.",
        "Update numerai-pipeline (the API changed).");

    /// <summary>The server answered 5xx on every attempt.</summary>
    public static readonly ErrorCode ServerError = new(
        "NP6506",
        "Server error on every attempt",
        "Numerai API answered '{0}' with HTTP {1} on all {2} attempts. Numerai may be deploying or overloaded; try again later.",
        "Try again later.");

    /// <summary>Timeouts or connection failures on every attempt.</summary>
    public static readonly ErrorCode Unreachable = new(
        "NP6507",
        "API unreachable",
        "Numerai API at {0} could not be reached for '{1}' after {2} attempt(s) ({3}). Check the network and NUMERAI_API_URL.",
        "Check the network and NUMERAI_API_URL.");

    /// <summary>Any other error the server reported for a field (its message is quoted).</summary>
    public static readonly ErrorCode ServerReportedError = new(
        "NP6508",
        "Error reported by Numerai",
        "Numerai API reported an error for '{0}': {1}. Act on Numerai's message, or run again if the error was temporary.",
        "As Numerai's message says.");

    /// <summary>The presigned PUT of a submission file failed.</summary>
    public static readonly ErrorCode UploadFailed = new(
        "NP6509",
        "Upload failed",
        "Numerai API: the upload of '{0}' failed with HTTP {1} ({2}). Nothing was submitted; run the stage again (upload URLs expire after a while).",
        "Run again (upload URLs expire).");

    /// <summary>The presigned GET of a dataset file was refused (a status below 500).</summary>
    public static readonly ErrorCode DownloadFailed = new(
        "NP6510",
        "Download refused",
        "Numerai API: the download of '{0}' failed with HTTP {1} ({2}). Check the file name and version (listDatasets shows what exists); signed URLs expire, so run again.",
        "Check the version and file name; run again.");

    /// <summary>A downloaded file is incomplete or not a parquet file.</summary>
    public static readonly ErrorCode DownloadCorrupt = new(
        "NP6511",
        "Download corrupt",
        "Numerai API: the downloaded '{0}' is not valid: {1}. It was discarded; run again to download it afresh.",
        "Run again (the file was discarded).");

    /// <summary>The server's answer could not be understood.</summary>
    public static readonly ErrorCode UnexpectedResponse = new(
        "NP6512",
        "Answer not understood",
        "Numerai API: the answer to '{0}' could not be understood ({1}). Check that the API URL points at Numerai's GraphQL endpoint; if it does, run again.",
        "Check NUMERAI_API_URL (or api_url); run again.");

    /// <summary>A model name is not one of the account's models.</summary>
    public static readonly ErrorCode UnknownModel = new(
        "NP6513",
        "Unknown model",
        "Numerai API: model '{0}' is not one of this account's models (the account has: {1}). Check the model name, or create the model on numer.ai.",
        "Fix the model name (a stage run reports it as a failed stage, exit 1).",
        ExitClass.InvalidInput);

    /// <summary><c>numerai set-webhook</c>: bad arguments (no or a non-https URL, URL and --clear, an unset --secret-env variable, a bad --api-url).</summary>
    public static readonly ErrorCode BadWebhookUrl = new(
        "NP6514",
        "Bad set-webhook arguments",
        "{0}. Usage: numerai set-webhook MODEL URL [--secret-env NAME] [--api-url URL], or MODEL --clear; URL is the trigger's https URL (the terraform output webhook_url, https://…/numerai/compute; http only for a loopback host) and NAME a variable (or NAME_FILE) holding the trigger's shared secret.",
        "Give the trigger URL (terraform output webhook_url); export the secret.",
        ExitClass.InvalidInput);

    /// <summary><c>numerai set-webhook</c>: Numerai did not confirm the webhook (the answer was not "true", or the model shows another URL).</summary>
    public static readonly ErrorCode WebhookNotConfirmed = new(
        "NP6515",
        "Webhook not confirmed",
        "Numerai did not confirm the webhook of model '{0}' (it now shows {1}). Run the command again; check the model on numer.ai.",
        "Run it again; check the model on numer.ai.");

    /// <summary>A download was cut, timed out or got 5xx on every attempt in a row; the partial file is kept.</summary>
    public static readonly ErrorCode DownloadInterrupted = new(
        "NP6516",
        "Download interrupted",
        "Numerai API: the download of '{0}' failed {1} times in a row ({2}). The partial file is kept and the next run resumes it.",
        "Run again later (it resumes); check the network.");
}
