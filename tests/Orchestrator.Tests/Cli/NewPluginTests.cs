using System.Diagnostics;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests.Cli;

/// <summary>new-plugin scaffolds a project that builds with the real SDK and whose stage runs in a pipeline.</summary>
public sealed class NewPluginTests
{
    [Fact]
    public async Task A_scaffolded_plugin_builds_and_its_stage_runs_in_a_pipeline()
    {
        using var temp = new TempWorkspace();
        var plugins = Path.Combine(temp.Path, "src", "GreetModel", "bin", "plugins");

        var created = await TestRepo.RunCliAsync("new-plugin", "GreetModel", "--output", Path.Combine(temp.Path, "src"));

        created.ExitCode.ShouldBe(0, created.Error);
        created.Output.ShouldContain("with stage 'greet-model.hello'");
        var project = Path.Combine(temp.Path, "src", "GreetModel", "GreetModel.csproj");
        File.Exists(project).ShouldBeTrue();
        var build = new ProcessStartInfo("dotnet", ["build", project, "-nologo", "-v", "q"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using (var process = Process.Start(build)!)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, output);
        }

        var csproj = File.ReadAllText(project);
        csproj.ShouldNotContain("..", customMessage: "a plugin made outside the repository must not point into it");
        csproj.ShouldNotContain(TestRepo.Root);
        File.Exists(Path.Combine(temp.Path, "src", "GreetModel", "sdk", "NumeraiPipeline.Sdk.dll")).ShouldBeTrue();
        File.Exists(Path.Combine(plugins, "GreetModel", "GreetModel.dll")).ShouldBeTrue();
        File.Exists(Path.Combine(plugins, "GreetModel", "NumeraiPipeline.Sdk.dll")).ShouldBeFalse("the SDK is the host's, never a plugin's copy");
        var pipeline = Path.Combine(temp.Path, "greet.yaml");
        File.WriteAllText(pipeline, "name: greet\nstages:\n  hello:\n    uses: greet-model.hello\n    with: { name: Numerai, times: 2 }\n");

        var run = await TestRepo.RunCliAsync("run", pipeline, "--plugins", plugins, "--no-builtin-plugins", "--workspace", Path.Combine(temp.Path, "ws"));
        var listing = await TestRepo.RunCliAsync("plugins", "--plugins", plugins, "--no-builtin-plugins");

        run.ExitCode.ShouldBe(0, run.Error);
        File.ReadAllText(Path.Combine(temp.Path, "ws", "artifacts", "greet", "hello", "greeting.txt")).ShouldBe("Hello, Numerai!\nHello, Numerai!\n");
        listing.Output.ShouldContain("greet-model.hello");
        listing.Output.ShouldContain("times: whole number, default 1 - How many lines to write");
    }
}
