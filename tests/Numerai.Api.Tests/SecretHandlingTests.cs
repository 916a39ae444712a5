using NumeraiPipeline.Plugins.Numerai.Download;
using NumeraiPipeline.Plugins.Numerai.Submit;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Numerai.Api.Tests;

public sealed class SecretHandlingTests
{
    private const string Secret = "S3CR3T-NUMERAI-KEY-5551212";

    [Fact]
    public async Task Keys_read_for_the_real_endpoint_are_registered_for_redaction()
    {
        using var ws = new TempWorkspace();
        await using var context = new TestStageContext(ws.Path, "download", new Dictionary<string, string> { ["NUMERAI_PUBLIC_ID"] = "PUB", ["NUMERAI_SECRET_KEY"] = Secret });
        using var client = NumeraiApiFactory.Create(context, "https://api-tournament.numer.ai", null, null);
        client.Options.Credentials!.SecretKey.ShouldBe(Secret);
        context.Secrets.Redact($"token {Secret} here").ShouldBe("token *** here");
        var wrapped = new NumeraiApiException(NumeraiErrors.ServerReportedError, "account", $"echo {Secret}").ToStageException(context);
        wrapped.Message.ShouldNotContain(Secret);
    }

    [Fact]
    public async Task Missing_keys_for_the_real_endpoint_fail_with_exit_code_3_before_any_request()
    {
        using var ws = new TempWorkspace();
        await using var context = new TestStageContext(ws.Path, "submit");
        var predictions = ws.File("p.csv");
        await File.WriteAllTextAsync(predictions, "id,prediction\na,0.1\nb,0.9\n");
        var options = new SubmitOptions { Model = "m", Predictions = new ArtifactRef(predictions), ApiUrl = "https://api-tournament.numer.ai" };
        var e = await Should.ThrowAsync<StageException>(() => new SubmitStage().RunAsync(context, options, default).WaitAsync(TimeSpan.FromMinutes(1)));
        e.Code.ShouldBe("NP6501");
        e.ExitCode.ShouldBe(3);
        e.Message.ShouldBe("stage 'submit': Numerai API: 'submit' needs API keys, and none are set. Set NUMERAI_PUBLIC_ID and NUMERAI_SECRET_KEY (or NUMERAI_PUBLIC_ID_FILE / NUMERAI_SECRET_KEY_FILE) from numer.ai → Account → API keys; a stage also takes them as its options public_id and secret_key.");
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/")]
    [InlineData("http://localhost:9/")]
    [InlineData("https://api-tournament.numer.ai")]
    public async Task The_configured_keys_go_to_the_configured_endpoint_whatever_its_address(string url)
    {
        using var ws = new TempWorkspace();
        await using var context = new TestStageContext(ws.Path, "round", new Dictionary<string, string> { ["NUMERAI_PUBLIC_ID"] = "PUB", ["NUMERAI_SECRET_KEY"] = Secret });

        using var fromSecrets = NumeraiApiFactory.Create(context, url, null, null);
        using var fromOptions = NumeraiApiFactory.Create(context, url, "OPT_PUB", "OPT_SECRET_123456");
        await using var none = new TestStageContext(ws.Path, "round");
        using var without = NumeraiApiFactory.Create(none, url, null, null);

        fromSecrets.Options.Credentials!.PublicId.ShouldBe("PUB");
        fromSecrets.Options.Credentials.SecretKey.ShouldBe(Secret);
        fromOptions.Options.Credentials!.PublicId.ShouldBe("OPT_PUB");
        context.Secrets.Redact("OPT_SECRET_123456").ShouldBe("***");
        without.Options.Credentials.ShouldBeNull("no address has keys of its own");
    }

    [Fact]
    public async Task A_stage_sends_the_configured_keys_to_a_loopback_endpoint()
    {
        await using var s = await SyntheticSandbox.StartAsync(keys: SyntheticSandbox.OwnKeys);
        await using var configured = s.Context("round");
        await using var demoOnly = s.Context("round", new Dictionary<string, string> { ["NUMERAI_PUBLIC_ID"] = NumeraiCredentials.SandboxPublicId, ["NUMERAI_SECRET_KEY"] = NumeraiCredentials.SandboxSecretKey });

        using var good = NumeraiApiFactory.Create(configured, s.Url, null, null);
        using var bad = NumeraiApiFactory.Create(demoOnly, s.Url, null, null);

        (await good.GetModelsAsync()).ShouldContain(m => m.Name == "demo_model");
        (await Should.ThrowAsync<NumeraiApiException>(() => bad.GetModelsAsync())).Code.ShouldBe("NP6502");
    }

    [Fact]
    public async Task Signed_urls_never_reach_the_log()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("download");
        s.Server.Faults.CutDownloads(1);
        await new DownloadStage().RunAsync(context, new DownloadOptions { ApiUrl = s.Url, Files = ["live.parquet"] }, default);
        context.LogLines.ShouldNotBeEmpty();
        context.LogLines.ShouldAllBe(l => !l.Contains("X-Amz-Signature", StringComparison.Ordinal));
    }
}
