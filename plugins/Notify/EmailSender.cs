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
                    throw NotifyErrors.EmailFailed.Exception(options.Host, options.Port, attempt, reason.TrimEnd('.'));
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
            throw NotifyErrors.EmailCertificate.Exception(options.Host, options.Port, policy.Refusal ?? context.Secrets.Redact(ex.Message).TrimEnd('.'));
        }
        catch (NotSupportedException)
        {
            throw NotifyErrors.EmailNoTls.Exception(options.Host, options.Port, "no STARTTLS, and 'starttls' is 'required'");
        }

        activity?.SetTag("smtp.secure", client.IsSecure);
        if (options.Username.Length > 0)
        {
            if (!client.IsSecure && options.Starttls != "none")
            {
                throw NotifyErrors.EmailNoTls.Exception(options.Host, options.Port, "no STARTTLS, so the password was not sent");
            }

            try
            {
                await client.AuthenticateAsync(options.Username, options.Password, cancellationToken);
            }
            catch (AuthenticationException)
            {
                throw NotifyErrors.EmailAuthentication.Exception(options.Host, options.Port, context.Secrets.Redact(options.Username));
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
            throw NotifyErrors.EmailRejected.Exception(options.Host, options.Port, context.Secrets.Redact(who), (int)ex.StatusCode, context.Secrets.Redact(ex.Message).TrimEnd('.'));
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
