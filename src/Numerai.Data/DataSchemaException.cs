using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Data;

/// <summary>
/// A data file does not have the shape a read asks for (missing column, unknown feature set, unusable values).
/// Derives from <see cref="StageException"/> so a stage can let it propagate: the host prints the NP66xx code
/// and the message (which names the file, the columns, and a did-you-mean when one is close).
/// </summary>
public sealed class DataSchemaException : StageException
{
    /// <summary>Creates the exception with the message of <paramref name="error"/>.</summary>
    /// <param name="error">The code, from <see cref="DataErrors"/>.</param>
    /// <param name="args">The values of its message's placeholders.</param>
    public DataSchemaException(ErrorCode error, params object?[] args)
        : this(error, (Exception?)null, args)
    {
    }

    /// <summary>Creates the exception with the message of <paramref name="error"/> and its cause.</summary>
    /// <param name="error">The code, from <see cref="DataErrors"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <param name="args">The values of its message's placeholders.</param>
    public DataSchemaException(ErrorCode error, Exception? innerException, params object?[] args)
        : base(Checked(error).Code, error.Format(args), innerException)
    {
        Error = error;
        Arguments = args;
        ExitCode = (int)error.Exit;
    }

    /// <summary>The catalogue entry of the failure.</summary>
    public ErrorCode Error { get; }

    /// <summary>The values of the message's placeholders (so a caller can add its context to the same code).</summary>
    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>The first line of a library's message without its final period, to place inside a sentence.</summary>
    /// <param name="message">A message, e.g. an exception's.</param>
    /// <returns>The reason.</returns>
    internal static string Reason(string? message) => (message ?? string.Empty).Split('\n')[0].Trim().TrimEnd('.');

    private static ErrorCode Checked(ErrorCode error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error;
    }
}
