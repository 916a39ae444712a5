namespace NumeraiPipeline.Orchestrator.Tests.Cli;

/// <summary>
/// The built-in plugins' commands (<c>sandbox</c>, <c>synth</c> from plugins/Numerai.Sandbox, <c>numerai set-webhook</c>
/// from plugins/Numerai.Live) on the host's command line: argument errors before anything starts, help as before.
/// </summary>
public sealed class NumeraiPluginCommandsTests
{
    [Fact]
    public async Task The_built_in_plugins_give_the_sandbox_synth_and_numerai_commands()
    {
        var top = await TestRepo.RunCliAsync("--help");
        var sandbox = await TestRepo.RunCliAsync("sandbox", "--help");
        var webhook = await TestRepo.RunCliAsync("numerai", "set-webhook", "--help");

        top.ExitCode.ShouldBe(0, top.Error);
        top.Output.ShouldContain("sandbox               Start the local stand-in of the Numerai API on 127.0.0.1 with synthetic data; prints its URL; Ctrl+C stops it");
        top.Output.ShouldContain("synth                 Write a synthetic Numerai-shaped dataset (train, validation, live, features.json, meta model, benchmarks)");
        top.Output.ShouldContain("numerai               Numerai account commands");
        sandbox.Output.ShouldContain("--port <port>                          Loopback port (0 picks a free one) [default: 0]");
        sandbox.Output.ShouldContain("--clock <closed|late|open|schedule>    Round clock: open (always open), late, closed, or schedule (daily rounds: 1 h on time, 1 h late, then closed) [default: open]");
        sandbox.Output.ShouldContain("--fail-graphql <fail-graphql>          Fault: the next N GraphQL requests fail with --fail-status\n");
        sandbox.Output.ShouldContain("--graphql-delay-ms <graphql-delay-ms>  Fault: delay every GraphQL answer by this many milliseconds\n");
        webhook.Output.ShouldContain(" numerai set-webhook <MODEL> [<URL>] [options]");
        webhook.Output.ShouldContain("<URL>    The trigger URL (terraform output webhook_url); omit with --clear");
    }

    [Fact]
    public async Task Synth_needs_its_output_folder()
    {
        var result = await TestRepo.RunCliAsync("synth");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines.ShouldContain("numerai-pipeline: error NP2005: Option '--out' is required.");
    }

    [Fact]
    public async Task The_numerai_group_alone_is_an_argument_error()
    {
        var result = await TestRepo.RunCliAsync("numerai");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines.ShouldContain("numerai-pipeline: error NP2005: Required command was not provided.");
    }

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
        neither.Error.Trim().ShouldBe("numerai-pipeline: error NP6514: give either the trigger URL or --clear. Usage: numerai set-webhook MODEL URL [--secret-env NAME] [--api-url URL], or MODEL --clear; URL is the trigger's https URL (the terraform output webhook_url, https://…/numerai/compute; http only for a loopback host) and NAME a variable (or NAME_FILE) holding the trigger's shared secret.");
        both.ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Set_webhook_refuses_a_plain_http_url_without_contacting_numerai()
    {
        var result = await TestRepo.RunCliAsync("numerai", "set-webhook", "my_model", "http://trigger.example/numerai/compute?secret=abc", "--api-url", "http://127.0.0.1:9/");

        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe("numerai-pipeline: error NP6514: 'http://trigger.example/numerai/compute?secret=***' is not an absolute https URL. Usage: numerai set-webhook MODEL URL [--secret-env NAME] [--api-url URL], or MODEL --clear; URL is the trigger's https URL (the terraform output webhook_url, https://…/numerai/compute; http only for a loopback host) and NAME a variable (or NAME_FILE) holding the trigger's shared secret.");
    }
}
