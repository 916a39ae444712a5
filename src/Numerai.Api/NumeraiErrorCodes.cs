namespace NumeraiPipeline.Numerai.Api;

/// <summary>The NP65xx codes of the Numerai API client (listed in docs/errors.md).</summary>
public static class NumeraiErrorCodes
{
    /// <summary>An authenticated operation was called without API keys.</summary>
    public const string MissingCredentials = "NP6501";

    /// <summary>The server refused the keys ("Your session is invalid or has expired.").</summary>
    public const string AuthenticationFailed = "NP6502";

    /// <summary>No round is open ("Current round not open for submissions").</summary>
    public const string RoundNotOpen = "NP6503";

    /// <summary>The server rejected an uploaded submission (numerai-tools rule message).</summary>
    public const string InvalidSubmission = "NP6504";

    /// <summary>The server rejected the GraphQL document (HTTP 400: unknown field, bad argument).</summary>
    public const string BadRequest = "NP6505";

    /// <summary>The server answered 5xx on every attempt.</summary>
    public const string ServerError = "NP6506";

    /// <summary>Timeouts or connection failures on every attempt.</summary>
    public const string Unreachable = "NP6507";

    /// <summary>Any other error the server reported for a field (its message is carried).</summary>
    public const string ServerReportedError = "NP6508";

    /// <summary>The presigned PUT of a submission file failed.</summary>
    public const string UploadFailed = "NP6509";

    /// <summary>The presigned GET of a dataset file failed (HTTP status).</summary>
    public const string DownloadFailed = "NP6510";

    /// <summary>A downloaded file is incomplete or not a parquet file.</summary>
    public const string DownloadCorrupt = "NP6511";

    /// <summary>The server's answer could not be understood.</summary>
    public const string UnexpectedResponse = "NP6512";

    /// <summary>A model name is not one of the account's models.</summary>
    public const string UnknownModel = "NP6513";

    /// <summary><c>numerai set-webhook</c>: the URL is not an absolute https URL (http only for a loopback host).</summary>
    public const string BadWebhookUrl = "NP6514";

    /// <summary><c>numerai set-webhook</c>: Numerai did not confirm the webhook (the answer was not "true", or the model shows another URL).</summary>
    public const string WebhookNotConfirmed = "NP6515";
}
