namespace NumeraiPipeline.Sdk;

/// <summary>
/// A user-facing failure of a stage with a code, e.g. <c>NP6003</c>. The message says what went wrong and how to fix
/// it; the host prints it without a stack trace (unless --verbose) and fails the stage.
/// </summary>
public class StageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The code, e.g. <c>NP6003</c>.</param>
    /// <param name="message">What, where, and how to fix.</param>
    /// <param name="innerException">The cause, if any.</param>
    public StageException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>The code.</summary>
    public string Code { get; }

    /// <summary>
    /// The process exit code the failure maps to when it ends the run: 1 for a failed stage (default),
    /// 2 for invalid input, 3 for the environment (missing credentials).
    /// </summary>
    public int ExitCode { get; init; } = 1;
}
