using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Options of <c>notify.email</c>.</summary>
public sealed class EmailOptions
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
    [RegularExpression("^(auto|required|none)$", ErrorMessage = "starttls must be 'auto', 'required' or 'none'")]
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
}
