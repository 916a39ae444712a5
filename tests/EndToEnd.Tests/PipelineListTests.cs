using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>'list' and pipelines by name, from a folder of the user's own (a process of its own: the current folder matters).</summary>
public sealed class PipelineListTests : IDisposable
{
    private readonly TempWorkspace temp = new("np-list-");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Lists_the_built_in_pipelines_and_those_in_the_current_folder_which_win_by_name()
    {
        var pipelines = Directory.CreateDirectory(Path.Combine(temp.Path, "pipelines")).FullName;
        await File.WriteAllTextAsync(Path.Combine(pipelines, "demo.yaml"), "name: demo\ndescription: my own demo\nstages:\n  tell:\n    uses: notify.console\n");
        await File.WriteAllTextAsync(Path.Combine(pipelines, "mine.yaml"), "name: mine\ndescription: only here\nstages:\n  tell:\n    uses: notify.console\n");

        var (code, output, error) = await CliProcess.RunAsync(temp.Path, new Dictionary<string, string>(), "list");
        var (runCode, runOutput, runError) = await CliProcess.RunAsync(temp.Path, new Dictionary<string, string>(), "run", "demo", "--workspace", Path.Combine(temp.Path, "ws"));

        code.ShouldBe(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        lines.ShouldContain("demo ./pipelines my own demo");
        lines.ShouldContain("mine ./pipelines only here");
        lines.ShouldContain(l => l.StartsWith("numerai-daily built-in The daily Numerai tournament run", StringComparison.Ordinal));
        lines.Count(l => l.StartsWith("demo ", StringComparison.Ordinal)).ShouldBe(1);
        runCode.ShouldBe(0, runError);
        (runOutput + runError).ShouldContain("Pipeline 'demo' succeeded");
        (runOutput + runError).ShouldContain("tell");
    }
}
