using Microsoft.Extensions.Logging;
using MimeKit;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Mails the run's summary over SMTP (MailKit; STARTTLS; authentication).</summary>
[Stage("notify.email", Description = "Mail the run's summary over SMTP with STARTTLS and authentication")]
public sealed class EmailStage : IStage<EmailOptions>
{
    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, EmailOptions options, CancellationToken cancellationToken)
    {
        context.Secrets.Register(options.Password);
        var report = RunReport.From(context.Run);
        var message = new MimeMessage();
        message.From.Add(ParseAddress(context, "from", options.From));
        foreach (var to in options.To)
        {
            message.To.Add(ParseAddress(context, "to", to));
        }

        message.Subject = options.Subject.Length > 0 ? options.Subject : "[numerai-pipeline] " + report.Headline;
        message.Body = new TextPart("plain") { Text = context.Secrets.Redact(report.ToText()) + "\n" };
        var attempts = await new EmailSender(context, options).SendAsync(message, cancellationToken);
        context.Logger.LogInformation("Mailed the summary of {Pipeline} ({Status}) to {Count} recipient(s) through {Host}:{Port} in {Attempts} attempt(s)", report.Pipeline, report.StatusText, options.To.Count, options.Host, options.Port, attempts);
        context.AddSummary("recipients", options.To.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return StageResult.Succeeded();
    }

    private static MailboxAddress ParseAddress(StageContext context, string option, string value) =>
        MailboxText.Parse(value)
            ?? throw NotifyErrors.InvalidOption.Exception("notify.email", option, $"has '{context.Secrets.Redact(value)}', which is not a mail address", MailboxText.Forms);
}
