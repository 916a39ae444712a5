namespace NumeraiPipeline.Orchestrator.Tests.Cli;

/// <summary>The schedule command through the CLI entry point, on the real clock with a per-second cron.</summary>
public sealed class ScheduleCommandTests : IDisposable
{
    private readonly PipelineFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Schedule_runs_the_pipeline_on_its_cron_and_stops_after_max_runs()
    {
        var p = files.Write("s.yaml", "name: scheduled\nstages:\n  first: { uses: test.echo, with: { message: tick } }\n");

        var result = await TestRepo.RunCliAsync("schedule", p, "--cron", "* * * * * *", "--max-runs", "2", "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.Split("Running pipeline 'scheduled'").Length.ShouldBe(3);
        result.Error.ShouldContain("ended with exit code 0");
        File.ReadAllText(files.Artifact("scheduled", "first", "text.txt")).ShouldBe("tick\n");
    }

    [Fact]
    public async Task A_bad_cron_is_rejected_with_exit_code_2()
    {
        var p = files.Write("s.yaml", "name: scheduled\nstages:\n  first: { uses: test.echo, with: { message: tick } }\n");

        var result = await TestRepo.RunCliAsync("schedule", p, "--cron", "every day", "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("error NP2005: --cron 'every day' is not a valid cron expression");
    }
}
