using System.Text.Json;

namespace NumeraiPipeline.Orchestrator.Tests.Execution;

/// <summary>Nothing the host meets while running crashes the process: damaged stamps, failing bookkeeping, plugin bugs.</summary>
public sealed class HostRobustnessTests : IDisposable
{
    private readonly PipelineFiles files = new();

    public void Dispose() => files.Dispose();

    private const string Two = """
        name: robust
        stages:
          first: { uses: test.echo, with: { message: one } }
          second: { uses: test.copy, with: { source: "${stages.first.outputs.text}" } }
          report: { uses: test.echo, needs: [second], when: always, with: { message: reported } }
        """;

    [Theory]
    [InlineData("""{ "stage": "first", "fingerprint": "x", "components": { "options": "{}", "inputs": {} }, "outputs": null }""")]
    [InlineData("""{ "stage": "first", "fingerprint": "x", "components": { "options": "{}", "inputs": {} }, "outputs": { "text": { "kind": "file", "path": null } } }""")]
    [InlineData("garbage")]
    public async Task A_damaged_stamp_makes_the_stage_run_again_with_the_reason_in_plan_and_run(string stamp)
    {
        var p = files.Write("robust.yaml", Two);
        (await files.RunAsync(p)).ExitCode.ShouldBe(0);
        File.WriteAllText(Path.Combine(files.Workspace, "stamps", "robust", "first.json"), stamp);

        var plan = await TestRepo.RunCliAsync("plan", p, "--json", "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace);
        var rerun = await files.RunAsync(p, "--json");

        plan.ExitCode.ShouldBe(0, plan.Error);
        var planned = JsonDocument.Parse(plan.Output).RootElement.GetProperty("stages")[0];
        planned.GetProperty("will_run").GetBoolean().ShouldBeTrue();
        planned.GetProperty("reasons")[0].GetProperty("kind").GetString().ShouldBe("stamp_unreadable");
        planned.GetProperty("reasons")[0].GetProperty("detail").GetString()!.ShouldStartWith("stamp unreadable: ");
        rerun.ExitCode.ShouldBe(0, rerun.Error);
        var first = JsonDocument.Parse(rerun.Output).RootElement.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "first");
        first.GetProperty("outcome").GetString().ShouldBe("succeeded");
        first.GetProperty("reasons")[0].GetProperty("detail").GetString()!.ShouldStartWith("stamp unreadable: ");
    }

    [Fact]
    public async Task A_stamp_that_cannot_be_written_fails_that_stage_with_exit_3_and_the_when_always_stage_still_runs()
    {
        var p = files.Write("robust.yaml", Two);
        // A file where the stamps folder of the pipeline must go: every stamp write fails.
        Directory.CreateDirectory(Path.Combine(files.Workspace, "stamps"));
        File.WriteAllText(Path.Combine(files.Workspace, "stamps", "robust"), "in the way");

        var result = await files.RunAsync(p, "--json");

        result.ExitCode.ShouldBe(3, result.Error);
        var stages = JsonDocument.Parse(result.Output).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        stages["first"].GetProperty("outcome").GetString().ShouldBe("failed");
        stages["first"].GetProperty("code").GetString().ShouldBe("NP4003");
        stages["first"].GetProperty("message").GetString()!.ShouldStartWith("cannot write to the workspace '");
        stages["second"].GetProperty("outcome").GetString().ShouldBe("skipped");
        stages["report"].GetProperty("outcome").GetString().ShouldBe("succeeded");
        result.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_plugin_whose_options_cannot_be_created_is_NP3006_at_plan_time_not_a_crash()
    {
        var p = files.Write("throws.yaml", "name: throws\nstages:\n  x: { uses: test.throwing-options }\n");

        var result = await TestRepo.RunCliAsync("validate", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins");

        result.ExitCode.ShouldBe(3);
        result.ErrorLines.Last().ShouldEndWith("throws.yaml(3,14): error NP3006: stage type 'test.throwing-options' in plugin 'TestPlugins.Basic': its options class 'ThrowingOptions' cannot be created (InvalidOperationException: options constructor exploded). This is a bug of the plugin: report it to its author");
        result.Error.ShouldNotContain("   at ");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Any_unexpected_exception_becomes_NP5008_with_exit_1_and_a_stack_trace_only_with_verbose(bool verbose)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = verbose ? ["explode", "--verbose", "--json"] : ["explode", "--json"];

        var code = await NumeraiPipeline.Orchestrator.Cli.CliApp.InvokeAsync(args, output, error, CancellationToken.None, configure: (root, _) =>
        {
            var explode = new System.CommandLine.Command("explode");
            explode.SetAction((Func<System.CommandLine.ParseResult, int>)(_ => throw new NullReferenceException("a bug")));
            root.Subcommands.Add(explode);
        });

        code.ShouldBe(1);
        error.ToString().ShouldStartWith("numerai-pipeline: error NP5008: internal error: NullReferenceException: a bug. This is a bug in numerai-pipeline: run with --verbose for the stack trace and report it.");
        (error.ToString().Contains("   at ", StringComparison.Ordinal)).ShouldBe(verbose);
        JsonDocument.Parse(output.ToString()).RootElement.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("NP5008");
    }
}
