using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Api;

/// <summary>
/// A failure talking to Numerai: one of the <see cref="NumeraiErrors"/> codes with its message, and the server's own
/// message where it sent one. Messages never contain API keys or signed URLs.
/// </summary>
public sealed class NumeraiApiException : Exception
{
    /// <summary>Creates the exception with the code's message.</summary>
    /// <param name="error">The code (a <see cref="NumeraiErrors"/> field).</param>
    /// <param name="args">The values of its placeholders.</param>
    public NumeraiApiException(ErrorCode error, params object?[] args)
        : this(error, null, args)
    {
    }

    /// <summary>Creates the exception with the code's message and its cause.</summary>
    /// <param name="error">The code (a <see cref="NumeraiErrors"/> field).</param>
    /// <param name="innerException">The cause.</param>
    /// <param name="args">The values of its placeholders.</param>
    public NumeraiApiException(ErrorCode error, Exception? innerException, params object?[] args)
        : base(error.Format(args), innerException) => Error = error;

    /// <summary>The code of the failure.</summary>
    public ErrorCode Error { get; }

    /// <summary>The NP65xx code.</summary>
    public string Code => Error.Code;

    /// <summary>The server's message verbatim (GraphQL <c>errors[].message</c>, S3 error message), if any.</summary>
    public string? ServerMessage { get; init; }

    /// <summary>The HTTP status code, if the failure had one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Whether the exit code should be 3 (environment: keys missing or refused) rather than 1.</summary>
    public bool IsEnvironmentProblem => Error.Exit == ExitClass.Environment;

    /// <summary>
    /// This failure as the error of the stage that called Numerai: the stage named, the stage's secrets redacted, exit
    /// code 3 when the environment is at fault (keys, network), else 1.
    /// </summary>
    /// <param name="context">The calling stage's context.</param>
    /// <returns>The exception, to throw.</returns>
    public StageException ToStageException(StageContext context) =>
        new(Code, context.Secrets.Redact($"stage '{context.StageId}': {Message}"), this) { ExitCode = IsEnvironmentProblem ? 3 : 1 };
}
