using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.Sdk;

/// <summary>What a running plugin command may touch. The host provides the implementation.</summary>
public abstract class CommandContext
{
    /// <summary>The command's result (standard output): with <see cref="Json"/>, exactly one JSON document.</summary>
    public abstract TextWriter Output { get; }

    /// <summary>Messages for the user (standard error), redacted of secrets.</summary>
    public abstract TextWriter Error { get; }

    /// <summary>The logger of the command (human or JSON lines, as the user chose).</summary>
    public abstract ILogger Logger { get; }

    /// <summary>Secrets; every value read here is redacted from everything the command prints.</summary>
    public abstract ISecretStore Secrets { get; }

    /// <summary>The clock.</summary>
    public abstract TimeProvider Time { get; }

    /// <summary>The workspace folder of the invocation (<c>--workspace</c>).</summary>
    public abstract string WorkspaceDirectory { get; }

    /// <summary>Whether <c>--json</c> was given: then write one JSON document to <see cref="Output"/>.</summary>
    public abstract bool Json { get; }

    /// <summary>Reads an environment variable of the invocation.</summary>
    /// <param name="name">The variable.</param>
    /// <returns>Its value, or null.</returns>
    public abstract string? GetEnvironmentVariable(string name);
}
