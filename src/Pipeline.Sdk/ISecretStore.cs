namespace NumeraiPipeline.Sdk;

/// <summary>Secrets of the run. Every value read or registered here is replaced by <c>***</c> in logs, traces and errors.</summary>
public interface ISecretStore
{
    /// <summary>
    /// Gets a secret by name: the environment variable NAME, else the file named by NAME_FILE (for secret mounts),
    /// else null.
    /// </summary>
    /// <param name="name">The name, e.g. <c>NUMERAI_SECRET_KEY</c>.</param>
    /// <returns>The value, or null.</returns>
    string? Get(string name);

    /// <summary>Registers a value to redact (e.g. a token derived from secrets, a signed URL).</summary>
    /// <param name="value">The value.</param>
    void Register(string value);

    /// <summary>Replaces every registered secret value in <paramref name="text"/> with <c>***</c>.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The redacted text.</returns>
    string Redact(string text);
}
