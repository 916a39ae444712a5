using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Storage;

/// <summary>A failure of the remote artifact store with an NP code (<see cref="StorageErrors"/>); the message says what, where and how to fix.</summary>
public sealed class StorageException : Exception
{
    /// <summary>Creates the exception with the message of <paramref name="error"/>.</summary>
    /// <param name="error">The code, from <see cref="StorageErrors"/>.</param>
    /// <param name="args">The values of its message's placeholders (never a credential or a signed URL).</param>
    public StorageException(ErrorCode error, params object?[] args)
        : this(error, (Exception?)null, args)
    {
    }

    /// <summary>Creates the exception with the message of <paramref name="error"/> and its cause.</summary>
    /// <param name="error">The code, from <see cref="StorageErrors"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <param name="args">The values of its message's placeholders (never a credential or a signed URL).</param>
    public StorageException(ErrorCode error, Exception? innerException, params object?[] args)
        : base(Checked(error).Format(args), innerException)
    {
        Error = error;
        Code = error.Code;
    }

    /// <summary>The catalogue entry of the failure.</summary>
    public ErrorCode Error { get; }

    /// <summary>The code.</summary>
    public string Code { get; }

    /// <summary>
    /// Whether the same request may succeed when repeated (5xx, 408, 429, timeouts, connection and I/O failures);
    /// <see cref="ResilientRemoteStore"/> retries these within its budget. Access denied or a missing bucket are not.
    /// </summary>
    public bool Transient { get; init; }

    /// <summary>
    /// What went wrong, without where and without the advice on how to fix it (e.g. "503 We encountered an internal
    /// error"), so that a wrapper that names the operation and gives its own advice (<see cref="ResilientRemoteStore"/>
    /// after its retries) repeats neither; null when the message has no separate reason.
    /// </summary>
    public string? Reason { get; init; }

    /// <summary>The first line of a library's message without its final period, to place inside a sentence.</summary>
    /// <param name="message">A message, e.g. an exception's.</param>
    /// <returns>The reason.</returns>
    internal static string Shorten(string? message) => (message ?? string.Empty).Split('\n')[0].Trim().TrimEnd('.', ' ');

    private static ErrorCode Checked(ErrorCode error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error;
    }
}
