using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Plugins.Notify.Tests;

/// <summary>
/// The notifiers inside a real run of the orchestrator (the built CLI and plugins): they run after a failure with
/// <c>when: always</c>, the host's client retries a 503, and a failing notifier does not hide the run's own failure.
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private const string HookSecret = "e2e-hook-secret-5521";
    private readonly TempWorkspace workspace = new("np-notify-e2e-");
    private HttpReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await HttpReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        workspace.Dispose();
    }

    [Fact]
    public async Task Notifiers_report_a_failed_run_retry_a_503_and_a_failing_notifier_keeps_the_cause_visible()
    {
        receiver.FailNext = 1;
        await using var smtp = SmtpTestServer.Start();
        await File.WriteAllTextAsync(workspace.File("p.yaml"), $$"""
            name: notify-e2e
            stages:
              boom:
                uses: test.fail
                with: { message: "the round closed" }
              hook:
                uses: notify.webhook
                needs: [boom]
                when: always
                cache: never
                with: { url: "{{receiver.BaseUrl}}/hook", secret: "${secrets.HOOK_SECRET}" }
              broken:
                uses: notify.slack
                needs: [boom]
                when: always
                cache: never
                with: { webhook_url: "http://127.0.0.1:9/services/T1/B2/xoxsecretpart123" }
              mail:
                uses: notify.email
                needs: [boom]
                when: failure
                cache: never
                with: {{MailOptions(smtp)}}
              console:
                uses: notify.console
                needs: [boom, hook, broken, mail]
                when: always
                cache: never
            """);

        var (exit, output) = await RunAsync("run", "p.yaml", "--workspace", workspace.File("ws"));

        exit.ShouldBe(1, output);
        // The webhook got a 503 first; the host's client retried the POST (notifiers opt in) and the second was accepted.
        receiver.Requests.Count.ShouldBe(2, output);
        var delivered = receiver.Requests.Last();
        delivered.Headers["X-Signature-256"].ShouldBe("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HookSecret), delivered.Body)));
        using var body = JsonDocument.Parse(delivered.Body);
        body.RootElement.GetProperty("status").GetString().ShouldBe("failed");
        var boom = body.RootElement.GetProperty("stages")[0];
        boom.GetProperty("id").GetString().ShouldBe("boom");
        boom.GetProperty("code").GetString().ShouldBe("TST0001");
        boom.GetProperty("message").GetString().ShouldBe("the round closed");
        // The console notifier ran last and shows both the run's cause and the failed notifier.
        output.ShouldContain("notify-e2e: FAILED");
        output.ShouldContain("    TST0001: the round closed");
        output.ShouldContain("- hook (notify.webhook): succeeded");
        output.ShouldContain("- broken (notify.slack): failed");
        output.ShouldContain("NP6401");
        output.ShouldContain("- mail (notify.email): succeeded");
        // MailKit loaded in the plugin's own load context and delivered over STARTTLS with AUTH.
        smtp.Messages.ShouldHaveSingleItem().Subject.ShouldBe("[numerai-pipeline] notify-e2e: FAILED");
        output.ShouldNotContain(SmtpTestServer.Password);
        output.ShouldNotContain("xoxsecretpart123");
        output.ShouldNotContain(HookSecret);
    }

    [Fact]
    public async Task A_canary_secret_in_failure_messages_reaches_no_webhook_slack_or_email_body_in_any_form()
    {
        await using var smtp = SmtpTestServer.Start();
        var forms = new[] { "as_is", "upper", "lower", "url", "json" };
        var failing = string.Join("\n", forms.Select(f => $$$"""
              boom_{{{f}}}:
                uses: test.fail
                with: { message: "the key {{{f}}}", secret: "${secrets.CANARY}", secret_form: {{{f}}} }
            """));
        var needs = string.Join(", ", forms.Select(f => "boom_" + f));
        await File.WriteAllTextAsync(workspace.File("p.yaml"), $$"""
            name: notify-canary
            stages:
            {{failing}}
              hook:
                uses: notify.webhook
                needs: [{{needs}}]
                when: always
                cache: never
                with: { url: "{{receiver.BaseUrl}}/hook", secret: "${secrets.HOOK_SECRET}" }
              slack:
                uses: notify.slack
                needs: [{{needs}}]
                when: always
                cache: never
                with: { webhook_url: "{{receiver.BaseUrl}}/services/T1/B2/C3" }
              mail:
                uses: notify.email
                needs: [{{needs}}]
                when: failure
                cache: never
                with: {{MailOptions(smtp)}}
              console:
                uses: notify.console
                needs: [hook, slack, mail]
                when: always
                cache: never
            """);

        var (exit, output) = await RunAsync("run", "p.yaml", "--workspace", workspace.File("ws"), "--trace", "console");

        exit.ShouldBe(1, output);
        var bodies = receiver.Requests.Select(r => (Path: r.PathAndQuery, r.BodyText)).ToList();
        bodies.Select(b => b.Path).Order(StringComparer.Ordinal).ToArray().ShouldBe(new[] { "/hook", "/services/T1/B2/C3" }, output);
        bodies.ShouldAllBe(b => b.BodyText.Contains("the key upper (token ***)"), "the failure messages are delivered, the secret masked");
        var mail = smtp.Messages.ShouldHaveSingleItem();
        var texts = bodies.Select(b => (Where: b.Path, Text: b.BodyText))
            .Append(("e-mail", mail.Subject + "\n" + mail.TextBody + "\n" + mail.HtmlBody))
            .Append(("output", output));
        foreach (var (where, text) in texts)
        {
            foreach (var form in CanaryForms)
            {
                text.Contains(form, StringComparison.OrdinalIgnoreCase).ShouldBeFalse($"{where} holds the canary as '{form}'");
            }
        }
    }

    private const string Canary = "Np-Canary=x7Q9+Zk/42";

    private static readonly string[] CanaryForms =
    [
        Canary, Uri.EscapeDataString(Canary), System.Net.WebUtility.UrlEncode(Canary), JsonSerializer.Serialize(Canary)[1..^1],
        System.Net.WebUtility.HtmlEncode(Canary), "x7Q9", "Zk/42", "Zk%2F42",
    ];

    /// <summary>notify.email's options for the test server: STARTTLS with its certificate pinned, AUTH with the secret password.</summary>
    private static string MailOptions(SmtpTestServer smtp) =>
        $"{{ host: 127.0.0.1, port: {smtp.Port}, username: {SmtpTestServer.User}, password: \"${{secrets.SMTP_PASSWORD}}\", from: bot@example.com, to: [me@example.com], starttls: required, certificate_thumbprint: {smtp.Thumbprint} }}";

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var root = FindRoot();
        var cli = Path.Combine(root, "src", "Orchestrator", "bin", configuration, "net10.0", "numerai-pipeline.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, .. args])
        {
            WorkingDirectory = workspace.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NUMERAI_PIPELINE_PLUGINS"] = string.Join(Path.PathSeparator, Path.Combine(root, "artifacts", "plugins"), Path.Combine(root, "artifacts", "test-plugins"));
        start.Environment["HOOK_SECRET"] = HookSecret;
        start.Environment["CANARY"] = Canary;
        start.Environment["SMTP_PASSWORD"] = SmtpTestServer.Password;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NumeraiPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
