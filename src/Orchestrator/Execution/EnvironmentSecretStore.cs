using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>
/// Secrets from the environment (NAME) or from a file named by NAME_FILE (secret mounts). Every value read or
/// registered is redacted from logs, spans, errors and plans: in any letter case, and also in the forms it takes
/// when it travels inside another value (URL-encoded, JSON- or HTML-escaped, JSON inside JSON).
/// </summary>
internal sealed class EnvironmentSecretStore : ISecretStore
{
    private const string Mask = "***";
    private readonly HashSet<string> values = new(StringComparer.Ordinal);
    private readonly Func<string, string?> environment;
    private string[] ordered = [];

    public EnvironmentSecretStore(Func<string, string?>? environment = null) =>
        this.environment = environment ?? Environment.GetEnvironmentVariable;

    public string? Get(string name)
    {
        var value = environment(name);
        if (string.IsNullOrEmpty(value) && environment(name + "_FILE") is { Length: > 0 } file && File.Exists(file))
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
            var added = false;
            foreach (var form in Forms(value))
            {
                added |= values.Add(form);
            }

            if (added)
            {
                ordered = values.Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(v => v.Length).ToArray();
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
            text = text.Replace(v, Mask, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    /// <summary>The value and the encodings it takes inside URLs, JSON, HTML and JSON strings that hold JSON.</summary>
    internal static IEnumerable<string> Forms(string value)
    {
        yield return value;
        yield return Uri.EscapeDataString(value);
        yield return WebUtility.UrlEncode(value);
        yield return WebUtility.HtmlEncode(value);
        var json = JsonEncodedText.Encode(value).ToString();
        yield return json;
        yield return JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(value);
        yield return JsonEncodedText.Encode(json).ToString();
        yield return JsonSerializer.Serialize(value)[1..^1];
    }
}
