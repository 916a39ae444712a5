using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Sends one message over SMTP with MailKit, with a bounded retry on transient failures.</summary>
internal sealed class EmailSender(StageContext context, EmailOptions options)
{
    /// <summary>Sends the message; returns the number of attempts used.</summary>
    public async Task<int> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(options.RetryDelaySeconds);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SendOnceAsync(message, cancellationToken);
                return attempt;
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                var reason = context.Secrets.Redact(ex.Message);
                if (attempt >= options.MaxAttempts)
                {
                    throw new StageException(
                        NotifyCodes.EmailFailed,
                        $"notify.email: could not send the mail through {options.Host}:{options.Port} after {attempt} attempt(s): {reason}. Check host, port and the network; the run's own outcome is unaffected.");
                }

                context.Logger.LogWarning("Sending mail through {Host}:{Port} failed (attempt {Attempt} of {MaxAttempts}): {Reason}; retrying in {Delay}", options.Host, options.Port, attempt, options.MaxAttempts, reason, delay);
                await Task.Delay(delay, context.Time, cancellationToken);
                delay *= 2;
            }
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        SmtpCommandException c => (int)c.StatusCode is >= 400 and < 500,
        SslHandshakeException => false,
        SmtpProtocolException or SocketException or IOException or TimeoutException => true,
        OperationCanceledException => true, // a per-operation timeout; a cancelled run is filtered by the caller
        _ => false,
    };

    private async Task SendOnceAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var activity = context.ActivitySource.StartActivity("smtp.send");
        activity?.SetTag("server.address", options.Host);
        activity?.SetTag("server.port", options.Port);
        var policy = new CertificatePolicy(options.CertificateThumbprint, options.AcceptAnyCertificate);
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000, ServerCertificateValidationCallback = policy.Validate };
        var socketOptions = options.Starttls switch
        {
            "required" => SecureSocketOptions.StartTls,
            "none" => SecureSocketOptions.None,
            _ => SecureSocketOptions.Auto,
        };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, socketOptions, cancellationToken);
        }
        catch (SslHandshakeException ex)
        {
            throw new StageException(
                NotifyCodes.EmailCertificate,
                $"notify.email: the TLS certificate of {options.Host}:{options.Port} was refused: {policy.Refusal ?? context.Secrets.Redact(ex.Message)}. Install the issuing CA, or pin the certificate with 'certificate_thumbprint'.");
        }
        catch (NotSupportedException)
        {
            throw new StageException(
                NotifyCodes.EmailNoTls,
                $"notify.email: {options.Host}:{options.Port} does not offer STARTTLS and 'starttls' is 'required'. Use the server's submission port (587) or implicit TLS (465 with starttls: auto).");
        }

        activity?.SetTag("smtp.secure", client.IsSecure);
        if (options.Username.Length > 0)
        {
            if (!client.IsSecure && options.Starttls != "none")
            {
                throw new StageException(
                    NotifyCodes.EmailNoTls,
                    $"notify.email: {options.Host}:{options.Port} offered no TLS, so the password was not sent. Use a port with STARTTLS or TLS, or set starttls: none to allow plain text on a trusted network.");
            }

            try
            {
                await client.AuthenticateAsync(options.Username, options.Password, cancellationToken);
            }
            catch (AuthenticationException)
            {
                throw new StageException(
                    NotifyCodes.EmailAuthentication,
                    $"notify.email: {options.Host}:{options.Port} rejected the user name '{options.Username}' or its password. Check 'username' and the password secret.");
            }
        }

        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            var who = ex.ErrorCode switch
            {
                SmtpErrorCode.SenderNotAccepted => $"the sender {ex.Mailbox}",
                SmtpErrorCode.RecipientNotAccepted => $"the recipient {ex.Mailbox}",
                _ => "the message",
            };
            throw new StageException(
                NotifyCodes.EmailRejected,
                $"notify.email: {options.Host}:{options.Port} rejected {who}: {(int)ex.StatusCode} {context.Secrets.Redact(ex.Message)}. Check 'from' and 'to'.");
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
