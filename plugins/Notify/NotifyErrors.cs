using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>
/// The NP64xx codes of the notify.* stages; docs/errors.md is generated from this catalogue. A failed notification
/// fails only its own stage: the run's other stages and the cause of its own failure are unaffected.
/// </summary>
[ErrorCatalogue("notify.slack, notify.webhook, notify.email")]
internal static class NotifyErrors
{
    /// <summary>The Slack incoming webhook did not accept the message (status, unreachable, no answer in time).</summary>
    public static readonly ErrorCode SlackFailed = new(
        "NP6401",
        "Slack webhook failed",
        "notify.slack: the Slack webhook at {0} {1}. Check webhook_url (the channel's incoming-webhook URL) and the network; the run's own outcome is unaffected.",
        "Check SLACK_WEBHOOK_URL (the channel's incoming-webhook URL) and the network.");

    /// <summary>The webhook endpoint did not accept the POST (status, unreachable, no answer in time).</summary>
    public static readonly ErrorCode WebhookFailed = new(
        "NP6402",
        "Webhook failed",
        "notify.webhook: the webhook at {0} {1}. Check 'url', the receiver and the network; the run's own outcome is unaffected.",
        "Check 'url' and the receiver.");

    /// <summary>The mail could not be sent after the allowed attempts (connection, timeout, 4xx).</summary>
    public static readonly ErrorCode EmailFailed = new(
        "NP6403",
        "Mail not sent",
        "notify.email: could not send the mail through {0}:{1} after {2} attempt(s): {3}. Check host, port and the network; the run's own outcome is unaffected.",
        "Check host, port and the network.");

    /// <summary>The SMTP server rejected the user name or password.</summary>
    public static readonly ErrorCode EmailAuthentication = new(
        "NP6404",
        "SMTP login rejected",
        "notify.email: {0}:{1} rejected the user name '{2}' or its password. Check 'username' and the password secret.",
        "Check 'username' and the password secret.");

    /// <summary>The SMTP server offered no TLS while credentials were configured, or 'starttls' is 'required'.</summary>
    public static readonly ErrorCode EmailNoTls = new(
        "NP6405",
        "No TLS",
        "notify.email: {0}:{1} offers no TLS ({2}). Use the server's submission port (587, STARTTLS) or implicit TLS (465 with starttls: auto); starttls: none allows plain text, on a trusted network only.",
        "Use port 587 or 465; starttls: none only on a trusted network.");

    /// <summary>The SMTP server's TLS certificate was not trusted (or not the pinned one).</summary>
    public static readonly ErrorCode EmailCertificate = new(
        "NP6406",
        "TLS certificate refused",
        "notify.email: the TLS certificate of {0}:{1} was refused: {2}. Install the issuing CA, or pin the certificate with 'certificate_thumbprint'.",
        "Install the CA, or pin with certificate_thumbprint.");

    /// <summary>An option value is invalid (URL, mail address); at plan time the host's check reports it as NP2002.</summary>
    public static readonly ErrorCode InvalidOption = new(
        "NP6407",
        "Bad option",
        "{0}: option '{1}' {2}. {3}.",
        "Fix the option (at plan time the same check is NP2002).",
        ExitClass.InvalidInput);

    /// <summary>The SMTP server permanently rejected the sender, a recipient or the message (5xx).</summary>
    public static readonly ErrorCode EmailRejected = new(
        "NP6408",
        "Mail rejected",
        "notify.email: {0}:{1} rejected {2}: {3} {4}. Check 'from' and 'to'.",
        "Check 'from' and 'to'.");
}
