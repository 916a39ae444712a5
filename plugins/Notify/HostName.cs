namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Checks the SMTP host option: a host name or IP address only (no scheme, no port, no path).</summary>
internal static class HostName
{
    public static string? Problem(string option, string host)
    {
        host = host.Trim();
        if (host.Length == 0)
        {
            return null; // [Required] reports it
        }

        if (host.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(host, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            var port = uri.IsDefaultPort || uri.Port < 0 ? string.Empty : $" with port: {uri.Port}";
            return $"option '{option}' is a host name, not a URL. Did you mean '{uri.Host}'{port}?";
        }

        var colon = host.LastIndexOf(':');
        if (colon > 0 && !host.Contains(']', StringComparison.Ordinal) && host.Count(c => c == ':') == 1 && int.TryParse(host[(colon + 1)..], out var number))
        {
            return $"option '{option}' must not carry the port: set port: {number} and host: '{host[..colon]}'.";
        }

        return Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown
            ? $"option '{option}' is not a host name or IP address (e.g. smtp.example.com)."
            : null;
    }
}
