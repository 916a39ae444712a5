using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>
/// Secrets from the environment (NAME) or from a file named by NAME_FILE (secret mounts). Every value read or
/// registered is redacted from logs, spans, errors and plans.
/// </summary>
internal sealed class EnvironmentSecretStore : ISecretStore
{
    private readonly HashSet<string> values = new(StringComparer.Ordinal);
    private string[] ordered = [];

    public string? Get(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value) && Environment.GetEnvironmentVariable(name + "_FILE") is { Length: > 0 } file && File.Exists(file))
        {
            value = File.ReadAllText(file).Trim();
        }

        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        Register(value);
        return value;
    }

    public void Register(string value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < 3)
        {
            return;
        }

        lock (values)
        {
            if (values.Add(value))
            {
                ordered = values.OrderByDescending(v => v.Length).ToArray();
            }
        }
    }

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var v in Volatile.Read(ref ordered))
        {
            text = text.Replace(v, "***", StringComparison.Ordinal);
        }

        return text;
    }
}
