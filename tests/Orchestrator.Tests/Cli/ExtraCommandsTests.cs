namespace NumeraiPipeline.Orchestrator.Tests.Cli;

/// <summary>The thin bindings of <c>sandbox</c> and <c>numerai set-webhook</c>: argument errors before anything starts.</summary>
public sealed class ExtraCommandsTests
{
    [Fact]
    public async Task Sandbox_refuses_a_clock_it_does_not_know_and_a_speed_of_zero()
    {
        var clock = await TestRepo.RunCliAsync("sandbox", "--clock", "noon");
        var speed = await TestRepo.RunCliAsync("sandbox", "--speed", "0");

        clock.ExitCode.ShouldBe(2);
        clock.Error.ShouldContain("noon");
        clock.Error.ShouldContain("open");
        speed.ExitCode.ShouldBe(2);
        speed.Error.Trim().ShouldBe("numerai-pipeline: error NP6006: --speed must be above 0 and --history at least 0.");
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
}
