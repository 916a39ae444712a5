using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace NumeraiPipeline.Plugins.Notify.Tests;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1: STARTTLS with a self-signed certificate made here,
/// AUTH required over TLS, messages parsed with MimeKit and kept.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    public const string User = "pipeline";
    public const string Password = "smtp-pass-9f8e7d";

    /// <summary>Recipients at this domain are refused with 550 (a permanent rejection).</summary>
    public const string RefusedDomain = "refused.example";

    private readonly CancellationTokenSource stop = new();
    private readonly Task running;

    private SmtpTestServer(bool tls, int transientFailures)
    {
        Certificate = CreateCertificate();
        Port = FreePort();
        Store = new RecordingStore(transientFailures);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e =>
            {
                e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false).AuthenticationRequired(tls).AllowUnsecureAuthentication(!tls);
                if (tls)
                {
                    e.Certificate(Certificate);
                }
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(Store);
        services.Add(new Authenticator());
        services.Add(new DelegatingMailboxFilter((IMailbox to, IMailbox _) => !string.Equals(to.Host, RefusedDomain, StringComparison.OrdinalIgnoreCase)));
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    public int Port { get; }

    public X509Certificate2 Certificate { get; }

    public string Thumbprint => Convert.ToHexString(Certificate.GetCertHash(HashAlgorithmName.SHA256));

    public RecordingStore Store { get; }

    public ConcurrentQueue<MimeMessage> Messages => Store.Messages;

    /// <summary>Starts a server; with <paramref name="tls"/> it offers STARTTLS and requires AUTH.</summary>
    public static SmtpTestServer Start(bool tls = true, int transientFailures = 0) => new(tls, transientFailures);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }

        Certificate.Dispose();
        stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    internal sealed class RecordingStore(int transientFailures) : MessageStore
    {
        private int failuresLeft = transientFailures;

        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public int Attempts;

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Attempts);
            if (Interlocked.Decrement(ref failuresLeft) >= 0)
            {
                return new SmtpResponse((SmtpReplyCode)451, "local error, try again later");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Authenticator : UserAuthenticator
    {
        public override Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
            Task.FromResult(user == User && password == Password);
    }
}
