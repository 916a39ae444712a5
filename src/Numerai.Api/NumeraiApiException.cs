namespace NumeraiPipeline.Numerai.Api;

/// <summary>
/// A failure talking to Numerai, with an NP65xx <see cref="Code"/> and the server's own message where it sent one.
/// Messages never contain API keys or signed URLs.
/// </summary>
public sealed class NumeraiApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">The kind of failure.</param>
    /// <param name="message">What happened and how to fix it.</param>
    /// <param name="serverMessage">The server's message, if any.</param>
    /// <param name="statusCode">The HTTP status, if any.</param>
    /// <param name="innerException">The cause.</param>
    public NumeraiApiException(NumeraiErrorKind kind, string message, string? serverMessage = null, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        ServerMessage = serverMessage;
        StatusCode = statusCode;
    }

    /// <summary>The kind of failure.</summary>
    public NumeraiErrorKind Kind { get; }

    /// <summary>The NP65xx code.</summary>
    public string Code => Kind switch
    {
        NumeraiErrorKind.MissingCredentials => NumeraiErrorCodes.MissingCredentials,
        NumeraiErrorKind.AuthenticationFailed => NumeraiErrorCodes.AuthenticationFailed,
        NumeraiErrorKind.RoundNotOpen => NumeraiErrorCodes.RoundNotOpen,
        NumeraiErrorKind.InvalidSubmission => NumeraiErrorCodes.InvalidSubmission,
        NumeraiErrorKind.BadRequest => NumeraiErrorCodes.BadRequest,
        NumeraiErrorKind.ServerError => NumeraiErrorCodes.ServerError,
        NumeraiErrorKind.Unreachable => NumeraiErrorCodes.Unreachable,
        NumeraiErrorKind.ServerReportedError => NumeraiErrorCodes.ServerReportedError,
        NumeraiErrorKind.UploadFailed => NumeraiErrorCodes.UploadFailed,
        NumeraiErrorKind.DownloadFailed => NumeraiErrorCodes.DownloadFailed,
        NumeraiErrorKind.DownloadCorrupt => NumeraiErrorCodes.DownloadCorrupt,
        NumeraiErrorKind.UnexpectedResponse => NumeraiErrorCodes.UnexpectedResponse,
        _ => NumeraiErrorCodes.UnknownModel,
    };

    /// <summary>The server's message verbatim (GraphQL <c>errors[].message</c>, S3 error message), if any.</summary>
    public string? ServerMessage { get; }

    /// <summary>The HTTP status code, if the failure had one.</summary>
    public int? StatusCode { get; }

    /// <summary>Whether the exit code should be 3 (environment: keys missing or refused) rather than 1.</summary>
    public bool IsEnvironmentProblem => Kind is NumeraiErrorKind.MissingCredentials or NumeraiErrorKind.AuthenticationFailed;
}
