using Microsoft.Extensions.Time.Testing;
using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.Plugins.Numerai.Submit;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Numerai.Api.Tests;

/// <summary>numerai.submit's doctor check against the sandbox on loopback: what a submission needs, nothing submitted.</summary>
public sealed class SubmitChecksTests
{
    [Fact]
    public async Task Against_the_sandbox_every_row_passes_and_nothing_is_uploaded()
    {
        await using var h = await SandboxHarness.StartAsync(sinceOpen: TimeSpan.FromMinutes(30));
        using var ws = new TempWorkspace("np-check-");

        var rows = await new SubmitStage().CheckAsync(new TestCheckContext(ws.Path, KeySecrets(), time: h.Time), new SubmitOptions { ApiUrl = h.Server.Url.ToString(), Model = SandboxServer.DemoModel }, default);

        var host = h.Server.Url.GetLeftPart(UriPartial.Authority);
        Row(rows, "numerai api keys").ShouldBe(CheckResult.Ok("numerai api keys", "NUMERAI_PUBLIC_ID and NUMERAI_SECRET_KEY are set"));
        Row(rows, "numerai keys accepted").ShouldBe(CheckResult.Ok("numerai keys accepted", $"{host} accepted them: the account has 2 models"));
        Row(rows, "numerai model").ShouldBe(CheckResult.Ok("numerai model", "'demo_model' is one of the account's models"));
        Row(rows, "numerai upload permission").ShouldBe(CheckResult.Ok("numerai upload permission", "the key has the upload_submission scope"));
        Row(rows, "numerai round").ShouldBe(CheckResult.Ok("numerai round", "round 1000 is open: on-time submissions until 2026-03-03 14:00 UTC (30 min from now)"));
        h.Server.Requests.ShouldNotContain(r => r.Method == "PUT");
        h.Server.Submissions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Refused_keys_fail_with_the_server_message_and_a_fix()
    {
        await using var h = await SandboxHarness.StartAsync();
        h.Server.Faults.RejectKeys = true;
        using var ws = new TempWorkspace("np-check-");

        var rows = await new SubmitStage().CheckAsync(new TestCheckContext(ws.Path, time: h.Time), Options(h), default);

        var row = Row(rows, "numerai keys accepted");
        row.Status.ShouldBe(CheckStatus.Failed);
        row.Detail.ShouldBe($"{h.Server.Url.GetLeftPart(UriPartial.Authority)} refused the keys: Your session is invalid or has expired.");
        row.Fix.ShouldBe("The keys are wrong, revoked or expired: create a new key on numer.ai -> Account -> API keys and set NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY.");
        rows.ShouldNotContain(r => r.Name == "numerai upload permission");
    }

    [Fact]
    public async Task A_key_without_the_upload_scope_fails()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { ApiTokenScopes = ["read_user_info", "read_submission_info"] });
        using var ws = new TempWorkspace("np-check-");

        var rows = await new SubmitStage().CheckAsync(new TestCheckContext(ws.Path), WithKeys(new SubmitOptions { ApiUrl = server.Url.ToString(), Model = SandboxServer.DemoModel }), default);

        Row(rows, "numerai upload permission").ShouldBe(CheckResult.Failed(
            "numerai upload permission",
            "the key's scopes are read_user_info, read_submission_info: no upload_submission",
            "Create a key with the 'upload submissions' scope on numer.ai -> Account -> API keys and use it."));
    }

    [Fact]
    public async Task A_model_the_account_lacks_fails_naming_the_models_it_has()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var ws = new TempWorkspace("np-check-");

        var rows = await new SubmitStage().CheckAsync(new TestCheckContext(ws.Path, time: h.Time), Options(h), default);
        var wrong = await new SubmitStage().CheckAsync(new TestCheckContext(ws.Path, time: h.Time), WithKeys(new SubmitOptions { ApiUrl = h.Server.Url.ToString(), Model = "someone_else" }), default);

        Row(rows, "numerai model").Status.ShouldBe(CheckStatus.Ok);
        Row(wrong, "numerai model").ShouldBe(CheckResult.Failed(
            "numerai model",
            "'someone_else' is not one of the account's models ('demo_model', 'demo_model_2')",
            "Set the model name (NUMERAI_MODEL for numerai-daily) to one of the account's models, or create the model on numer.ai."));
    }

    [Fact]
    public async Task After_staking_closed_the_round_row_warns_that_the_stage_would_decline()
    {
        await using var h = await SandboxHarness.StartAsync(sinceOpen: TimeSpan.FromMinutes(90));
        using var ws = new TempWorkspace("np-check-");

        var late = Row(await new SubmitStage().CheckAsync(new TestCheckContext(ws.Path, time: h.Time), Options(h), default), "numerai round");
        var allowed = Row(await new SubmitStage().CheckAsync(new TestCheckContext(ws.Path, time: h.Time), Options(h, allowLate: true), default), "numerai round");

        late.Status.ShouldBe(CheckStatus.Warning);
        late.Detail.ShouldStartWith("round 1000 closed for staking at 2026-03-03 14:00 UTC");
        late.Detail.ShouldEndWith(": the submit stage would decline (allow_late: false)");
        late.Fix.ShouldBe("Wait for the next round, or set allow_late: true to submit late.");
        allowed.Status.ShouldBe(CheckStatus.Ok);
        allowed.Detail.ShouldEndWith(" (allow_late: true submits late)");
    }

    [Theory]
    [InlineData(0, CheckStatus.Ok)]
    [InlineData(90, CheckStatus.Warning)]
    [InlineData(600, CheckStatus.Failed)]
    public async Task The_clock_is_compared_with_the_api_date_header(int aheadSeconds, CheckStatus expected)
    {
        // The sandbox's Kestrel dates its answers by the real clock; the check's clock runs ahead of it by the given amount.
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var ws = new TempWorkspace("np-check-");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(aheadSeconds));

        var row = Row(await new SubmitStage().CheckAsync(new TestCheckContext(ws.Path, time: time), WithKeys(new SubmitOptions { ApiUrl = server.Url.ToString(), Model = SandboxServer.DemoModel }), default), "clock");

        row.Status.ShouldBe(expected);
        row.Detail.ShouldMatch($@"^\d+ s (ahead of|behind) {System.Text.RegularExpressions.Regex.Escape(server.Url.GetLeftPart(UriPartial.Authority))} \(its Date header\)$");
        var seconds = int.Parse(row.Detail.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        seconds.ShouldBeInRange(Math.Max(0, aheadSeconds - 2), aheadSeconds + 2);
        if (expected != CheckStatus.Ok)
        {
            row.Fix.ShouldBe("Synchronise the clock (timedatectl set-ntp true, or chrony/ntpd); round windows and signed URLs are timed by Numerai's clock.");
        }
    }

    [Fact]
    public async Task An_endpoint_from_another_stage_or_a_dry_run_is_not_checked()
    {
        using var ws = new TempWorkspace("np-check-");

        var deferred = await new SubmitStage().CheckAsync(new TestCheckContext(ws.Path).Defer("api_url", "sandbox"), new SubmitOptions { Model = "m" }, default);
        var deferredKeys = await new SubmitStage().CheckAsync(new TestCheckContext(ws.Path).Defer("secret_key", "vault"), new SubmitOptions { Model = "m" }, default);
        var dry = await new SubmitStage().CheckAsync(new TestCheckContext(ws.Path), new SubmitOptions { Model = "m", DryRun = true }, default);

        deferred.ShouldBe([CheckResult.Skipped("numerai api keys", "the endpoint or the keys come from stage 'sandbox' when the run gets there (a sandbox makes its own)")]);
        deferredKeys.ShouldBe([CheckResult.Skipped("numerai api keys", "the endpoint or the keys come from stage 'vault' when the run gets there (a sandbox makes its own)")]);
        dry.ShouldBe([CheckResult.Skipped("numerai api keys", "dry_run: nothing is uploaded, no keys needed")]);
    }

    [Fact]
    public async Task Keys_given_as_options_are_the_ones_checked_for_the_upload_scope()
    {
        // As the demo's sandbox stage does: fresh keys of a sandbox, passed as public_id / secret_key.
        var keys = new NumeraiCredentials("FRESHPUBLICID", "fresh-secret-key-0123456789");
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Keys = keys });
        using var ws = new TempWorkspace("np-check-");
        var context = new TestCheckContext(ws.Path);

        var rows = await new SubmitStage().CheckAsync(context, new SubmitOptions { ApiUrl = server.Url.ToString(), Model = SandboxServer.DemoModel, PublicId = keys.PublicId, SecretKey = keys.SecretKey }, default);
        var demo = await new SubmitStage().CheckAsync(new TestCheckContext(ws.Path), WithKeys(new SubmitOptions { ApiUrl = server.Url.ToString(), Model = SandboxServer.DemoModel }), default);

        Row(rows, "numerai api keys").ShouldBe(CheckResult.Ok("numerai api keys", "the options public_id and secret_key give them"));
        Row(rows, "numerai keys accepted").Status.ShouldBe(CheckStatus.Ok);
        Row(rows, "numerai upload permission").ShouldBe(CheckResult.Ok("numerai upload permission", "the key has the upload_submission scope"));
        Row(demo, "numerai keys accepted").Status.ShouldBe(CheckStatus.Failed);
        context.LogLines.ShouldAllBe(l => !l.Contains(keys.SecretKey));
        rows.ShouldAllBe(r => !(r.Detail + r.Fix).Contains(keys.SecretKey));
    }

    [Fact]
    public async Task Missing_keys_fail_naming_the_variables_and_the_keys_are_not_sent()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var ws = new TempWorkspace("np-check-");

        var none = await new SubmitStage().CheckAsync(new TestCheckContext(ws.Path, time: h.Time), new SubmitOptions { ApiUrl = h.Server.Url.ToString(), Model = SandboxServer.DemoModel }, default);
        var half = await new SubmitStage().CheckAsync(new TestCheckContext(ws.Path, new Dictionary<string, string> { ["NUMERAI_PUBLIC_ID"] = SandboxServer.DemoPublicId }, time: h.Time), new SubmitOptions { ApiUrl = h.Server.Url.ToString(), Model = SandboxServer.DemoModel }, default);

        var host = h.Server.Url.GetLeftPart(UriPartial.Authority);
        const string Fix = "Create a key with the upload scope on numer.ai -> Account -> API keys and set NUMERAI_PUBLIC_ID and NUMERAI_SECRET_KEY (or NAME_FILE pointing at files holding them), or give the options public_id and secret_key.";
        Row(none, "numerai api keys").ShouldBe(CheckResult.Failed("numerai api keys", $"NUMERAI_PUBLIC_ID and NUMERAI_SECRET_KEY are not set, so nothing can be submitted to {host}", Fix));
        Row(half, "numerai api keys").ShouldBe(CheckResult.Failed("numerai api keys", $"NUMERAI_SECRET_KEY is not set, so nothing can be submitted to {host}", Fix));
        none.ShouldNotContain(r => r.Name == "numerai keys accepted");
        Row(none, "numerai round").Status.ShouldBe(CheckStatus.Ok);
    }

    private static Dictionary<string, string> KeySecrets() => new() { ["NUMERAI_PUBLIC_ID"] = SandboxServer.DemoPublicId, ["NUMERAI_SECRET_KEY"] = SandboxServer.DemoSecretKey };

    private static SubmitOptions WithKeys(SubmitOptions options)
    {
        options.PublicId = SandboxServer.DemoPublicId;
        options.SecretKey = SandboxServer.DemoSecretKey;
        return options;
    }

    private static SubmitOptions Options(SandboxHarness h, bool allowLate = false) => WithKeys(new() { ApiUrl = h.Server.Url.ToString(), Model = SandboxServer.DemoModel, AllowLate = allowLate });

    private static CheckResult Row(IReadOnlyList<CheckResult> rows, string name) => rows.Single(r => r.Name == name);
}
