using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Data;

/// <summary>
/// A data file does not have the shape a read asks for (missing column, unknown feature set, unusable values).
/// Derives from <see cref="StageException"/> so a stage can let it propagate: the host prints the NP66xx code
/// and the message (which names the file, the columns, and a did-you-mean when one is close).
/// </summary>
public sealed class DataSchemaException : StageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">An NP66xx code from <see cref="DataErrorCodes"/>.</param>
    /// <param name="message">What, where, how to fix.</param>
    /// <param name="innerException">The cause, if any.</param>
    public DataSchemaException(string code, string message, Exception? innerException = null)
        : base(code, message, innerException)
    {
        ExitCode = 2;
    }
}
