namespace NumeraiPipeline.Storage;

/// <summary>A failure of the remote artifact store with an NP code; the message says what, where and how to fix.</summary>
public sealed class StorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The code, e.g. <c>NP6753</c>.</param>
    /// <param name="message">What, where and how to fix.</param>
    /// <param name="innerException">The cause, if any.</param>
    public StorageException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>The code.</summary>
    public string Code { get; }

    /// <summary>
    /// Whether the same request may succeed when repeated (5xx, 408, 429, timeouts, connection and I/O failures);
    /// <see cref="ResilientRemoteStore"/> retries these within its budget. Access denied or a missing bucket are not.
    /// </summary>
    public bool Transient { get; init; }

    /// <summary>
    /// What went wrong, without the advice on how to fix it (e.g. "503 We encountered an internal error"), so that a
    /// wrapper that gives its own advice (<see cref="ResilientRemoteStore"/> after its retries) does not repeat it;
    /// null when the message has no separate advice.
    /// </summary>
    public string? Reason { get; init; }
}
