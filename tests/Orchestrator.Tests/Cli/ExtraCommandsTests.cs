using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.Orchestrator.Cli;

namespace NumeraiPipeline.Orchestrator.Tests.Cli;

/// <summary>The thin bindings of <c>sandbox</c> and <c>numerai set-webhook</c>: argument errors before anything starts.</summary>
public sealed class ExtraCommandsTests
{
    [Fact]
    public async Task Sandbox_refuses_a_clock_it_does_not_know()
    {
        var clock = await TestRepo.RunCliAsync("sandbox", "--clock", "noon");

        clock.ExitCode.ShouldBe(2);
        clock.Error.ShouldContain("noon");
        clock.Error.ShouldContain("open");
    }

    [Fact]
    public async Task Set_webhook_needs_either_a_url_or_clear()
    {
        var neither = await TestRepo.RunCliAsync("numerai", "set-webhook", "my_model");
        var both = await TestRepo.RunCliAsync("numerai", "set-webhook", "my_model", "https://t.example/c", "--clear");

        neither.ExitCode.ShouldBe(2);
        neither.Error.Trim().ShouldBe("numerai-pipeline: error NP6514: give either the trigger URL or --clear. Usage: numerai set-webhook MODEL URL [--secret-env TRIGGER_SECRET]");
        both.ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Set_webhook_refuses_a_plain_http_url_without_contacting_numerai()
    {
        var result = await TestRepo.RunCliAsync("numerai", "set-webhook", "my_model", "http://trigger.example/numerai/compute?secret=abc", "--api-url", "http://127.0.0.1:9/");

        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe("numerai-pipeline: error NP6514: 'http://trigger.example/numerai/compute?secret=***' is not an absolute https URL. Give the trigger's URL, e.g. the terraform output webhook_url (https://…/numerai/compute).");
    }

    [Fact]
    public async Task Set_webhook_registers_the_url_with_the_keys_and_secret_of_its_environment()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { DataDirectory = Path.GetTempPath() });
        var environment = new Dictionary<string, string>
        {
            ["NUMERAI_API_URL"] = sandbox.Url.ToString(),
            ["NUMERAI_PUBLIC_ID"] = SandboxServer.DemoPublicId,
            ["NUMERAI_SECRET_KEY"] = SandboxServer.DemoSecretKey,
            ["TRIGGER_SECRET"] = "f00dfeedf00dfeedf00d",
        };
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CliApp.InvokeAsync(
            ["numerai", "set-webhook", "demo_model_2", "https://trigger.example/numerai/compute", "--secret-env", "TRIGGER_SECRET"], output, error, CancellationToken.None, environment: environment.GetValueOrDefault);

        code.ShouldBe(0, error.ToString());
        output.ToString().ShouldContain("will call 'https://trigger.example/numerai/compute?secret=***' for model 'demo_model_2'");
        (output.ToString() + error).ShouldNotContain("f00dfeedf00dfeedf00d");
    }
}
