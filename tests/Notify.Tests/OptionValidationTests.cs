using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Plugins.Notify;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Notify.Tests;

/// <summary>The notifiers' plan-time checks (what `validate` reports) and their agreement with the stages.</summary>
public sealed class OptionValidationTests
{
    private static List<string> Problems(IValidatableObject options) =>
        options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage!).ToList();

    [Theory]
    [InlineData("https://hooks.slack.com/services/T000/B000/XXXX")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("https://[::1]:9000/x")]
    public void Absolute_http_urls_are_fine(string url)
    {
        Problems(new WebhookOptions { Url = url, Secret = "s" }).ShouldBeEmpty();
        Problems(new SlackOptions { WebhookUrl = url }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("ftp://x", "option 'url' must be an http:// or https:// URL, not ftp://. Did you mean 'https://x/…'?")]
    [InlineData("htps://example.com/hook", "option 'url' must be an http:// or https:// URL, not htps://. Did you mean 'https://example.com/…'?")]
    [InlineData("example.com/secret-path", "option 'url' is not an absolute URL: write the whole URL, starting with https://. Did you mean 'https://example.com/…'?")]
    [InlineData("file:///etc/passwd", "option 'url' is not an absolute URL: write the whole URL, starting with https://.")]
    [InlineData("not a url", "option 'url' is not an absolute URL: write the whole URL, starting with https://.")]
    public void Other_urls_are_errors_that_never_quote_the_path(string url, string expected)
    {
        Problems(new WebhookOptions { Url = url, Secret = "s" }).ShouldBe([expected]);
    }

    [Theory]
    [InlineData("bot@example.com")]
    [InlineData("Numerai bot <bot@example.com>")]
    [InlineData("\"Ops, team\" <ops@mail.example.co.uk>")]
    public void Mail_addresses_are_fine_at_plan_time(string address)
    {
        Problems(Email(from: address, to: [address])).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("bot@")]
    [InlineData("@example.com")]
    [InlineData("bot")]
    [InlineData("bot@exa mple.com")]
    [InlineData("a@example.com, b@example.com")]
    [InlineData("bot@example..com")]
    public async Task A_bad_address_is_an_error_at_plan_time_and_when_the_stage_runs(string address)
    {
        Problems(Email(from: address)).ShouldBe([$"option 'from': '{address}' is not a mail address. Write 'name@example.com' or 'Name <name@example.com>'."]);

        using var workspace = new TempWorkspace();
        var ex = await Should.ThrowAsync<StageException>(() => new EmailStage().RunAsync(new TestStageContext(workspace.Path), Email(from: address), CancellationToken.None));
        ex.Code.ShouldBe("NP6407");
        ex.ExitCode.ShouldBe(2);
    }

    [Fact]
    public void Host_port_tls_mode_and_thumbprint_are_checked()
    {
        Problems(Email(host: "smtp://mail.example.com")).ShouldBe(["option 'host' is a host name, not a URL. Did you mean 'mail.example.com'?"]);
        Problems(Email(host: "mail.example.com:2525")).ShouldBe(["option 'host' must not carry the port: set port: 2525 and host: 'mail.example.com'."]);
        Problems(Email(host: "mail example")).ShouldBe(["option 'host' is not a host name or IP address (e.g. smtp.example.com)."]);
        Problems(Email(host: "127.0.0.1")).ShouldBeEmpty();
        Problems(Email(to: ["ok@example.com", "nope"])).ShouldBe(["option 'to' (entry 2 of 2): 'nope' is not a mail address. Write 'name@example.com' or 'Name <name@example.com>'; one address per entry."]);
        var tls = Email();
        tls.Starttls = "STARTTLS";
        Problems(tls).ShouldBe(["option 'starttls' must be auto, required or none."]);
        tls.Starttls = "requried";
        Problems(tls).ShouldBe(["option 'starttls' must be auto, required or none. Did you mean 'required'?"]);
        var pinned = Email();
        pinned.CertificateThumbprint = "AB:CD";
        Problems(pinned).ShouldBe(["option 'certificate_thumbprint' must be the SHA-256 thumbprint of the server's certificate: 64 hex digits, colons allowed."]);
        pinned.CertificateThumbprint = new string('a', 40);
        Problems(pinned).ShouldBe(["option 'certificate_thumbprint' must be the SHA-256 thumbprint of the server's certificate: 64 hex digits, colons allowed (40 hex digits is a SHA-1 thumbprint)."]);
        pinned.CertificateThumbprint = string.Join(':', Enumerable.Repeat("AB", 32));
        Problems(pinned).ShouldBeEmpty();
        Problems(new ConsoleOptions { Format = "jsn" }).ShouldBe(["option 'format' must be text or json. Did you mean 'json'?"]);
    }

    private static EmailOptions Email(string host = "smtp.example.com", string from = "bot@example.com", string[]? to = null) =>
        new() { Host = host, From = from, To = [.. to ?? ["me@example.com"]] };
}
