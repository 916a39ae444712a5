namespace NumeraiPipeline.Orchestrator.Tests.Cli;

/// <summary>
/// The one exit-code contract (README): 0 success (up-to-date and declined included), 1 a stage failed (data errors
/// found while running included), 2 invalid input found before running, 3 environment (credentials, plugins,
/// workspace, store), 130 cancelled. One case per class and cause.
/// </summary>
public sealed class ExitCodeContractTests : IDisposable
{
    private readonly PipelineFiles files = new();

    public void Dispose() => files.Dispose();

    private Task<CliResult> Run(string yaml, params string[] extra) => files.RunAsync(files.Write("p.yaml", yaml), extra);

    [Fact]
    public async Task Zero_for_success_up_to_date_and_declined()
    {
        const string yaml = "name: ok\nstages:\n  a: { uses: test.echo, with: { message: a } }\n  d: { uses: test.fail, with: { mode: declined } }\n";
        (await Run(yaml)).ExitCode.ShouldBe(0);
        (await Run(yaml)).ExitCode.ShouldBe(0);
    }

    [Theory]
    [InlineData("stage_exception")]
    [InlineData("unexpected")]
    [InlineData("result")]
    public async Task One_when_a_stage_fails(string mode)
    {
        var result = await Run($"name: f\nstages:\n  a: {{ uses: test.fail, with: {{ mode: {mode} }} }}\n");

        result.ExitCode.ShouldBe(1, result.Error);
    }

    [Fact]
    public async Task Three_when_a_stage_fails_for_the_environment_and_it_wins_over_one()
    {
        var result = await Run("name: e\nstages:\n  a: { uses: test.fail, with: { exit_code: 3 } }\n  b: { uses: test.fail }\n");

        result.ExitCode.ShouldBe(3, result.Error);
    }

    [Theory]
    [InlineData("name: x\nstages:\n  a: { uses: test.nope }\n")]
    [InlineData("name: x\nstages:\n  a: { uses: test.echo, with: { count: 500, message: m } }\n")]
    [InlineData("name: x\nstages: [\n")]
    public async Task Two_for_invalid_input_found_before_running(string yaml)
    {
        var result = await Run(yaml);

        result.ExitCode.ShouldBe(2, result.Error);
        Directory.Exists(Path.Combine(files.Workspace, "artifacts")).ShouldBeFalse();
    }

    [Fact]
    public async Task Two_for_a_bad_argument()
    {
        (await TestRepo.RunCliAsync("run", "--no-such-flag")).ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Three_for_missing_plugins()
    {
        using var temp = new TestKit.TempWorkspace();
        var result = await TestRepo.RunCliAsync("validate", files.Write("p.yaml", "stages:\n  a: { uses: test.echo }\n"), "--plugins", temp.Path, "--no-builtin-plugins");

        result.ExitCode.ShouldBe(3);
    }

    [Fact]
    public async Task Three_for_a_workspace_held_by_another_run()
    {
        var yaml = "name: locked\nstages:\n  a: { uses: test.echo, with: { message: a } }\n";
        var p = files.Write("p.yaml", yaml);
        using var held = NumeraiPipeline.Orchestrator.Execution.WorkspaceLock.Acquire(files.Workspace, "locked");

        var result = await files.RunAsync(p);

        result.ExitCode.ShouldBe(3);
        result.Error.ShouldContain("error NP4001");
    }

    [Fact]
    public async Task One_hundred_thirty_when_cancelled()
    {
        var p = files.Write("p.yaml", "name: c\nstages:\n  a: { uses: test.echo, with: { message: a, delay_ms: 60000, marker: \"" + Path.Combine(files.Root, "started").Replace('\\', '/') + "\" } }\n");
        using var cts = new CancellationTokenSource();
        var running = TestRepo.RunCliAsync(cts.Token, "run", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace);
        using (var seen = new FileSystemWatcher(files.Root, "started"))
        {
            var started = new TaskCompletionSource();
            seen.Created += (_, _) => started.TrySetResult();
            seen.EnableRaisingEvents = true;
            if (!File.Exists(Path.Combine(files.Root, "started")))
            {
                await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
        }

        await cts.CancelAsync();

        (await running).ExitCode.ShouldBe(130);
    }
}
