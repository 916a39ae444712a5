namespace NumeraiPipeline.Plugins.Notify;

/// <summary>The NP64xx codes of the notify.* stages (listed in the plugin's README).</summary>
internal static class NotifyCodes
{
    /// <summary>The Slack incoming webhook did not accept the message.</summary>
    public const string SlackFailed = "NP6401";

    /// <summary>The webhook endpoint did not accept the POST.</summary>
    public const string WebhookFailed = "NP6402";

    /// <summary>The mail could not be sent after the allowed attempts (connection, timeout, 4xx).</summary>
    public const string EmailFailed = "NP6403";

    /// <summary>The SMTP server rejected the user name or password.</summary>
    public const string EmailAuthentication = "NP6404";

    /// <summary>The SMTP server offered no TLS while credentials were configured.</summary>
    public const string EmailNoTls = "NP6405";

    /// <summary>The SMTP server's TLS certificate was not trusted.</summary>
    public const string EmailCertificate = "NP6406";

    /// <summary>An option value is invalid (URL, address, starttls mode).</summary>
    public const string InvalidOption = "NP6407";

    /// <summary>The SMTP server permanently rejected the sender, a recipient or the message (5xx).</summary>
    public const string EmailRejected = "NP6408";
}
