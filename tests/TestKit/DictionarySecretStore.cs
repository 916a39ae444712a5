using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestKit;

/// <summary>Secrets from a dictionary; redacts every value read or registered.</summary>
public sealed class DictionarySecretStore(IDictionary<string, string> values) : ISecretStore
{
    private readonly HashSet<string> known = [];

    public string? Get(string name)
    {
        if (!values.TryGetValue(name, out var value))
        {
            return null;
        }

        Register(value);
        return value;
    }

    public void Register(string value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            lock (known)
            {
                known.Add(value);
            }
        }
    }

    public string Redact(string text)
    {
        lock (known)
        {
            foreach (var s in known.OrderByDescending(s => s.Length))
            {
                text = text.Replace(s, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }
}
