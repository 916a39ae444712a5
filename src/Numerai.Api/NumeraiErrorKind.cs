namespace NumeraiPipeline.Numerai.Api;

/// <summary>What kind of failure a <see cref="NumeraiApiException"/> is.</summary>
public enum NumeraiErrorKind
{
    /// <summary>No API keys for an authenticated operation.</summary>
    MissingCredentials,

    /// <summary>The keys were refused.</summary>
    AuthenticationFailed,

    /// <summary>No round is open.</summary>
    RoundNotOpen,

    /// <summary>The submission file broke one of Numerai's rules.</summary>
    InvalidSubmission,

    /// <summary>HTTP 400: the document did not validate.</summary>
    BadRequest,

    /// <summary>5xx on every attempt.</summary>
    ServerError,

    /// <summary>Timeouts or connection failures on every attempt.</summary>
    Unreachable,

    /// <summary>Another error reported by the server.</summary>
    ServerReportedError,

    /// <summary>The PUT of a file failed.</summary>
    UploadFailed,

    /// <summary>The GET of a file failed.</summary>
    DownloadFailed,

    /// <summary>A downloaded file is incomplete or corrupt.</summary>
    DownloadCorrupt,

    /// <summary>The answer could not be parsed.</summary>
    UnexpectedResponse,

    /// <summary>A model name is not on the account.</summary>
    UnknownModel,
}
