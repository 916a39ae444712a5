namespace NumeraiPipeline.Orchestrator.Tests.Cli;

/// <summary>Plugins add commands to the command line: typed options and arguments, ranges, required values, exit codes.</summary>
public sealed class PluginCommandTests
{
    private static Task<CliResult> Cli(params string[] args) => TestRepo.RunCliAsync([.. args, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins"]);

    [Fact]
    public async Task A_plugin_command_runs_with_its_argument_and_options()
    {
        var result = await Cli("test", "greet", "World", "--times", "2", "--loud");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldBe("HELLO, WORLD!\nHELLO, WORLD!\n");
    }

    [Fact]
    public async Task Help_lists_plugin_commands_with_their_options()
    {
        var top = await Cli("--help");
        var own = await Cli("test", "greet", "--help");

        top.Output.ShouldContain("test");
        own.Output.ShouldContain("Greets (a plugin command of the test plugins)");
        own.Output.ShouldContain("--times");
        own.Output.ShouldContain("How many times [default: 1]");
    }

    [Theory]
    [InlineData(new[] { "test", "greet", "World", "--times", "9" }, "--times must be between 1 and 5, not 9.")]
    [InlineData(new[] { "test", "greet", "World", "--times", "many" }, "Cannot parse argument 'many' for option '--times' as expected type 'System.Int32'.")]
    [InlineData(new[] { "test", "greet" }, "Required argument 'name' missing for command: 'greet'.")]
    [InlineData(new[] { "test", "greet", "World", "--tims", "2" }, "Unrecognized command or argument '--tims'.")]
    public async Task Bad_arguments_of_a_plugin_command_are_exit_2(string[] args, string message)
    {
        var result = await Cli(args);

        result.ExitCode.ShouldBe(2);
        result.ErrorLines.ShouldContain($"numerai-pipeline: error NP2005: {message}");
    }

    [Fact]
    public async Task A_plugin_command_failing_for_the_environment_exits_3_with_its_code()
    {
        var result = await Cli("test", "greet", "World", "--fail-with", "3");

        result.ExitCode.ShouldBe(3);
        result.ErrorLines.ShouldContain("numerai-pipeline test greet: error TST0010: greeting World failed on purpose");
    }

    [Fact]
    public async Task Built_in_commands_do_not_load_plugins_for_the_command_tree()
    {
        var result = await TestRepo.RunCliAsync("list", "--plugins", Path.Combine(Path.GetTempPath(), "np-no-such-folder-" + Guid.NewGuid().ToString("N")), "--no-builtin-plugins");

        result.ExitCode.ShouldBe(0, result.Error);
    }
}
