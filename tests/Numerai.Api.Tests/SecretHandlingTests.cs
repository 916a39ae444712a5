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
        using var client = NumeraiApiFactory.Create(context, "https://api-tournament.numer.ai");
        client.Options.Credentials!.SecretKey.ShouldBe(Secret);
        context.Secrets.Redact($"token {Secret} here").ShouldBe("token *** here");
        var wrapped = NumeraiApiFactory.ToStageException(context, new NumeraiApiException(NumeraiErrorKind.ServerReportedError, $"echo {Secret}"));
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
        e.Message.ShouldContain("NUMERAI_SECRET_KEY");
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
