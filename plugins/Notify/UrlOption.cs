namespace NumeraiPipeline.Plugins.Notify;

/// <summary>
/// Checks a URL option (webhook, Slack) at plan time: an absolute http:// or https:// URL with a host. A message never
/// quotes the URL (a Slack webhook's path is its credential); a hint shows at most its scheme and host.
/// </summary>
internal static class UrlOption
{
    /// <summary>The problem with <paramref name="url"/> as option <paramref name="option"/>, or null.</summary>
    public static string? Problem(string option, string url)
    {
        url = url.Trim();
        if (url.Length == 0)
        {
            return null; // [Required] reports it
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc)
        {
            var hint = !url.Contains("://", StringComparison.Ordinal) && Uri.TryCreate("https://" + url, UriKind.Absolute, out var guess) && guess.Host.Contains('.', StringComparison.Ordinal)
                ? $" Did you mean 'https://{guess.Authority}/…'?"
                : string.Empty;
            return $"option '{option}' is not an absolute URL: write the whole URL, starting with https://.{hint}";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            var hint = uri.Host.Length > 0 ? $" Did you mean 'https://{uri.Authority}/…'?" : string.Empty;
            return $"option '{option}' must be an http:// or https:// URL, not {uri.Scheme}://.{hint}";
        }

        return uri.Host.Length == 0 ? $"option '{option}' has no host name: write it as https://host/path." : null;
    }
}
