using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Options of <c>notify.email</c>.</summary>
public sealed class EmailOptions : IValidatableObject
{
    /// <summary>The SMTP server's host name.</summary>
    [Required]
    [Description("SMTP server host name")]
    public string Host { get; set; } = "";

    /// <summary>The SMTP port: 587 (submission, STARTTLS), 465 (implicit TLS with starttls: auto) or 25.</summary>
    /// <value>Default 587.</value>
    [Range(1, 65535)]
    [Description("SMTP port (587 submission with STARTTLS; 465 implicit TLS)")]
    public int Port { get; set; } = 587;

    /// <summary>The user name for SMTP AUTH; empty for no authentication.</summary>
    /// <value>Default empty.</value>
    [Description("SMTP AUTH user name (empty: no authentication)")]
    public string Username { get; set; } = "";

    /// <summary>The SMTP AUTH password; pass it as <c>${secrets.SMTP_PASSWORD}</c>.</summary>
    /// <value>Default empty.</value>
    [Description("SMTP AUTH password (use ${secrets.SMTP_PASSWORD})")]
    public string Password { get; set; } = "";

    /// <summary>The sender address, e.g. <c>Pipeline &lt;bot@example.com&gt;</c>.</summary>
    [Required]
    [Description("Sender address, e.g. 'Numerai bot <bot@example.com>'")]
    public string From { get; set; } = "";

    /// <summary>The recipients.</summary>
    [Required]
    [MinLength(1)]
    [Description("Recipient addresses")]
    public List<string> To { get; set; } = [];

    /// <summary>
    /// TLS: <c>auto</c> (STARTTLS when the server offers it, implicit TLS on port 465), <c>required</c> (fail
    /// unless STARTTLS succeeds), <c>none</c> (plain text; only for a relay on a trusted network). Credentials are
    /// never sent over an unencrypted connection unless this is <c>none</c>.
    /// </summary>
    /// <value>Default <c>auto</c>.</value>
    [Description("auto | required | none")]
    public string Starttls { get; set; } = "auto";

    /// <summary>
    /// Accepts the SHA-256 thumbprint (hex) of the server's certificate in place of a trusted chain, for a server
    /// with a self-signed certificate. Safer than <see cref="AcceptAnyCertificate"/>.
    /// </summary>
    /// <value>Default empty (the system's trust store decides).</value>
    [Description("Pinned SHA-256 thumbprint (hex) of the server certificate, for self-signed servers")]
    public string CertificateThumbprint { get; set; } = "";

    /// <summary>
    /// Accepts any server certificate: encryption without authentication of the server, open to a
    /// man-in-the-middle. For tests against a loopback server only; never in production.
    /// </summary>
    /// <value>Default false.</value>
    [Description("TESTS ONLY: accept any server certificate (no server authentication)")]
    public bool AcceptAnyCertificate { get; set; }

    /// <summary>The subject; empty for the run's headline.</summary>
    /// <value>Default empty.</value>
    [Description("Subject (default: '[numerai-pipeline] <headline>')")]
    public string Subject { get; set; } = "";

    /// <summary>Attempts in all on transient failures (connection, timeout, 4xx replies).</summary>
    /// <value>Default 3.</value>
    [Range(1, 10)]
    [Description("Attempts in all on transient failures")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The first delay between attempts, doubled each time.</summary>
    /// <value>Default 2.</value>
    [Range(0, 300)]
    [Description("First delay between attempts in seconds (doubled each retry)")]
    public double RetryDelaySeconds { get; set; } = 2;

    /// <summary>The timeout of each SMTP operation.</summary>
    /// <value>Default 60.</value>
    [Range(1, 600)]
    [Description("Timeout of each SMTP operation in seconds")]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// Checked when the pipeline is planned: the host is a host name, the sender and every recipient one mail address
    /// each (read as the stage reads them), the TLS mode one of three, a pinned thumbprint a SHA-256 in hex.
    /// </summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (HostName.Problem("host", Host) is { } host)
        {
            yield return new ValidationResult(host, [nameof(Host)]);
        }

        if (From.Length > 0 && MailboxText.Parse(From) is null)
        {
            yield return new ValidationResult($"option 'from': '{From}' is not a mail address. {MailboxText.Forms}.", [nameof(From)]);
        }

        for (var i = 0; i < To.Count; i++)
        {
            if (MailboxText.Parse(To[i]) is null)
            {
                var which = To.Count == 1 ? string.Empty : $" (entry {i + 1} of {To.Count})";
                yield return new ValidationResult($"option 'to'{which}: '{To[i]}' is not a mail address. {MailboxText.Forms}; one address per entry.", [nameof(To)]);
            }
        }

        if (Choice.Problem("starttls", Starttls, ["auto", "required", "none"]) is { } starttls)
        {
            yield return new ValidationResult(starttls, [nameof(Starttls)]);
        }

        var thumbprint = CertificateThumbprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (thumbprint.Length > 0 && (thumbprint.Length != 64 || !thumbprint.All(Uri.IsHexDigit)))
        {
            var sha1 = thumbprint.Length == 40 && thumbprint.All(Uri.IsHexDigit) ? " (40 hex digits is a SHA-1 thumbprint)" : string.Empty;
            yield return new ValidationResult($"option 'certificate_thumbprint' must be the SHA-256 thumbprint of the server's certificate: 64 hex digits, colons allowed{sha1}.", [nameof(CertificateThumbprint)]);
        }
    }
}
