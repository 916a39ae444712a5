using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Registers secret-bearing URLs (a Slack webhook's path is its credential) for redaction.</summary>
internal static class SecretUrls
{
    /// <summary>
    /// Registers the whole URL and its path and query, so neither appears in logs, spans or errors, even when a
    /// library message quotes only the path.
    /// </summary>
    public static void Register(ISecretStore secrets, string url)
    {
        secrets.Register(url);
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.PathAndQuery.Length > 8)
        {
            secrets.Register(uri.PathAndQuery);
        }
    }

    /// <summary>Parses an absolute http(s) URL or throws NP6407 without quoting the value.</summary>
    public static Uri Parse(string stageType, string option, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw NotifyErrors.InvalidOption.Exception(stageType, option, "is not an absolute http(s) URL", "Set it to the full URL, e.g. '${secrets.SLACK_WEBHOOK_URL}' for a secret");
        }

        return uri;
    }

    /// <summary>A safe description of an endpoint for messages: scheme, host and port only.</summary>
    public static string Describe(Uri uri) => $"{uri.Scheme}://{uri.Authority}";
}
