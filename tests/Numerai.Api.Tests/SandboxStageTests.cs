using NumeraiPipeline.Plugins.Numerai.Sandbox;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Api.Tests;

/// <summary>numerai.sandbox (plugins/Numerai.Sandbox): a server for the rest of the run with fresh keys; option errors.</summary>
// Same collection as DownloadStageTests: its span listener is process-wide, so the two must not run at the same time.
[Collection("download spans")]
public sealed class SandboxStageTests
{
    [Fact]
    public async Task Sandbox_stage_starts_a_server_for_the_run()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        var context = s.Context("sandbox");
        var stage = new SandboxStage();
        var options = new SandboxStageOptions { Rows = 1200, Features = 8, Eras = 12, Seed = 7, Clock = "late" };
        var v1 = await stage.GetExternalVersionAsync(context, options, default);
        (await stage.GetExternalVersionAsync(context, options, default)).ShouldNotBe(v1);
        (await stage.RunAsync(context, options, default)).Status.ShouldBe(StageResultStatus.Succeeded);
        var url = new Uri(context.TestOutputs.Values["api_url"]);
        url.IsLoopback.ShouldBeTrue();
        context.TestOutputs.Values["model"].ShouldBe("demo_model");
        var keys = new NumeraiCredentials(context.TestOutputs.Values["public_id"], context.TestOutputs.Values["secret_key"]);
        keys.SecretKey.ShouldNotBe(NumeraiCredentials.SandboxSecretKey, "every run's sandbox has fresh keys");
        context.Secrets.Redact("key " + keys.SecretKey).ShouldBe("key ***");
        using (var wrong = new NumeraiClient(new NumeraiClientOptions { Endpoint = url, Credentials = NumeraiCredentials.SandboxDemo, MaxAttempts = 1 }))
        {
            (await Should.ThrowAsync<NumeraiApiException>(() => wrong.GetModelsAsync())).Code.ShouldBe("NP6502");
        }

        using (var client = new NumeraiClient(new NumeraiClientOptions { Endpoint = url, Credentials = keys }))
        {
            var round = await client.GetCurrentRoundAsync();
            round.IsOpenAt(s.Time.GetUtcNow()).ShouldBeFalse();
            (await client.GetModelsAsync()).ShouldContain(m => m.Name == "demo_model");
        }

        await context.DisposeAsync();
        using var after = new NumeraiClient(new NumeraiClientOptions { Endpoint = url, MaxAttempts = 1 });
        (await Should.ThrowAsync<NumeraiApiException>(() => after.ListDatasetsAsync())).Code.ShouldBe("NP6507");
    }

    [Fact]
    public async Task Sandbox_stage_rejects_an_unknown_clock()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("sandbox");
        var e = await Should.ThrowAsync<StageException>(() => new SandboxStage().RunAsync(context, new SandboxStageOptions { Clock = "shut" }, default));
        e.Code.ShouldBe("NP6007");
        e.ExitCode.ShouldBe(2);
        e.Message.ShouldBe("stage 'sandbox': option 'clock': 'shut' is not one of open, late, closed, schedule.");

        var delay = await Should.ThrowAsync<StageException>(() => new SandboxStage().RunAsync(context, new SandboxStageOptions { DiagnosticsDelay = "soon" }, default));
        delay.Code.ShouldBe("NP6007");
        delay.Message.ShouldBe("stage 'sandbox': option 'diagnostics_delay': 'soon' is not a duration. Write it as 90m, 2h, 45s, 1d, a number of seconds or hh:mm:ss.");
    }

    [Fact]
    public async Task A_port_in_use_is_NP6005()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("sandbox");
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var e = await Should.ThrowAsync<StageException>(() => new SandboxStage().RunAsync(context, new SandboxStageOptions { Port = port, Rows = 1200, Features = 8, Eras = 12 }, default));

        e.Code.ShouldBe("NP6005");
        e.ExitCode.ShouldBe(1);
        e.InnerException.ShouldBeAssignableTo<IOException>();
        e.Message.ShouldBe($"stage 'sandbox': the sandbox could not listen on 127.0.0.1:{port} ({e.InnerException!.Message}). Use port: 0 for a free port.");
    }
}
