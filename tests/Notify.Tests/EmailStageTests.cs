using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Plugins.Notify.Tests;

public sealed class EmailStageTests : IDisposable
{
    private readonly TempWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task Sends_the_summary_over_starttls_with_authentication_and_a_pinned_certificate()
    {
        await using var server = SmtpTestServer.Start();
        await using var context = Context();
        Runs.AddFailedSubmission(context);

        var result = await new EmailStage().RunAsync(context, Options(server, o => o.CertificateThumbprint = server.Thumbprint), CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Succeeded);
        var message = server.Messages.ShouldHaveSingleItem();
        message.Subject.ShouldBe("[numerai-pipeline] test: FAILED (round 1234)");
        message.From.ToString().ShouldBe("\"Numerai bot\" <bot@example.com>");
        message.To.Mailboxes.Select(m => m.Address).ShouldBe(["me@example.com", "team@example.com"]);
        message.TextBody!.ShouldContain("- submit (numerai.submit): failed in 3.0 s");
        message.TextBody!.ShouldContain("corr_mean=0.0213, sharpe=1.07");
        context.SummaryValues["recipients"].ShouldBe("2");
        context.LogLines.ShouldAllBe(l => !l.Contains(SmtpTestServer.Password));
    }

    [Fact]
    public async Task Required_starttls_with_accept_any_certificate_works_against_a_self_signed_server()
    {
        await using var server = SmtpTestServer.Start();
        await using var context = Context();
        Runs.AddSuccessfulSubmission(context);

        await new EmailStage().RunAsync(context, Options(server, o => { o.Starttls = "required"; o.AcceptAnyCertificate = true; }), CancellationToken.None);

        server.Messages.ShouldHaveSingleItem().TextBody!.ShouldContain("submission_id=5f2c-subm-0001");
    }

    [Fact]
    public async Task An_untrusted_certificate_fails_with_NP6406()
    {
        await using var server = SmtpTestServer.Start();
        await using var context = Context();

        var ex = await Should.ThrowAsync<StageException>(() => new EmailStage().RunAsync(context, Options(server), CancellationToken.None));

        ex.Code.ShouldBe("NP6406");
        ex.Message.ShouldStartWith($"notify.email: the TLS certificate of 127.0.0.1:{server.Port} was refused: it is not trusted (");
        server.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_wrong_pinned_thumbprint_fails_with_NP6406()
    {
        await using var server = SmtpTestServer.Start();
        await using var context = Context();

        var ex = await Should.ThrowAsync<StageException>(() => new EmailStage().RunAsync(context, Options(server, o => o.CertificateThumbprint = new string('A', 64)), CancellationToken.None));

        ex.Code.ShouldBe("NP6406");
        ex.Message.ShouldBe($"notify.email: the TLS certificate of 127.0.0.1:{server.Port} was refused: its SHA-256 thumbprint {server.Thumbprint} is not the pinned {new string('A', 64)}. Install the issuing CA, or pin the certificate with 'certificate_thumbprint'.");
    }

    [Fact]
    public async Task A_wrong_password_fails_with_NP6404_and_never_shows_it()
    {
        await using var server = SmtpTestServer.Start();
        await using var context = Context();

        var ex = await Should.ThrowAsync<StageException>(() => new EmailStage().RunAsync(context, Options(server, o => { o.AcceptAnyCertificate = true; o.Password = "wrong-pass-77"; }), CancellationToken.None));

        ex.Code.ShouldBe("NP6404");
        ex.Message.ShouldBe($"notify.email: 127.0.0.1:{server.Port} rejected the user name 'pipeline' or its password. Check 'username' and the password secret.");
        server.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task Credentials_are_not_sent_when_the_server_offers_no_tls()
    {
        await using var server = SmtpTestServer.Start(tls: false);
        await using var context = Context();

        var ex = await Should.ThrowAsync<StageException>(() => new EmailStage().RunAsync(context, Options(server), CancellationToken.None));

        ex.Code.ShouldBe("NP6405");
        ex.Message.ShouldBe($"notify.email: 127.0.0.1:{server.Port} offers no TLS (no STARTTLS, so the password was not sent). Use the server's submission port (587, STARTTLS) or implicit TLS (465 with starttls: auto); starttls: none allows plain text, on a trusted network only.");
    }

    [Fact]
    public async Task Required_starttls_fails_with_NP6405_when_the_server_lacks_it()
    {
        await using var server = SmtpTestServer.Start(tls: false);
        await using var context = Context();

        var ex = await Should.ThrowAsync<StageException>(() => new EmailStage().RunAsync(context, Options(server, o => o.Starttls = "required"), CancellationToken.None));

        ex.Code.ShouldBe("NP6405");
        ex.Message.ShouldBe(NotifyErrors.EmailNoTls.Format("127.0.0.1", server.Port, "no STARTTLS, and 'starttls' is 'required'"));
    }

    [Fact]
    public async Task A_transient_451_is_retried_until_the_mail_is_accepted()
    {
        await using var server = SmtpTestServer.Start(transientFailures: 2);
        await using var context = Context();

        await new EmailStage().RunAsync(context, Options(server, o => { o.AcceptAnyCertificate = true; o.MaxAttempts = 3; }), CancellationToken.None);

        server.Store.Attempts.ShouldBe(3);
        server.Messages.Count.ShouldBe(1);
        context.LogLines.Count(l => l.StartsWith("Warning: Sending mail", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task Gives_up_after_max_attempts_with_NP6403()
    {
        await using var server = SmtpTestServer.Start(transientFailures: 5);
        await using var context = Context();

        var ex = await Should.ThrowAsync<StageException>(() => new EmailStage().RunAsync(context, Options(server, o => { o.AcceptAnyCertificate = true; o.MaxAttempts = 2; }), CancellationToken.None));

        ex.Code.ShouldBe("NP6403");
        ex.Message.ShouldBe($"notify.email: could not send the mail through 127.0.0.1:{server.Port} after 2 attempt(s): local error, try again later. Check host, port and the network; the run's own outcome is unaffected.");
        server.Store.Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_fails_with_NP6408_and_nothing_is_sent()
    {
        await using var server = SmtpTestServer.Start();
        await using var context = Context();

        var ex = await Should.ThrowAsync<StageException>(() => new EmailStage().RunAsync(context, Options(server, o => { o.AcceptAnyCertificate = true; o.To = ["me@example.com", $"nobody@{SmtpTestServer.RefusedDomain}"]; }), CancellationToken.None));

        ex.Code.ShouldBe("NP6408");
        ex.Message.ShouldBe($"notify.email: 127.0.0.1:{server.Port} rejected the recipient nobody@{SmtpTestServer.RefusedDomain}: 550 mailbox unavailable. Check 'from' and 'to'.");
        server.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_invalid_address_is_an_option_error()
    {
        await using var context = Context();

        var ex = await Should.ThrowAsync<StageException>(() => new EmailStage().RunAsync(context, new EmailOptions { Host = "127.0.0.1", From = "bot@example.com", To = ["not an address"] }, CancellationToken.None));

        ex.Code.ShouldBe("NP6407");
        ex.Message.ShouldBe("notify.email: option 'to' has 'not an address', which is not a mail address. Write 'name@example.com' or 'Name <name@example.com>'.");
    }

    private static EmailOptions Options(SmtpTestServer server, Action<EmailOptions>? change = null)
    {
        var options = new EmailOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Username = SmtpTestServer.User,
            Password = SmtpTestServer.Password,
            From = "Numerai bot <bot@example.com>",
            To = ["me@example.com", "team@example.com"],
            RetryDelaySeconds = 0.01,
            TimeoutSeconds = 10,
        };
        change?.Invoke(options);
        return options;
    }

    private TestStageContext Context() => new(workspace.Path, "mail");
}
