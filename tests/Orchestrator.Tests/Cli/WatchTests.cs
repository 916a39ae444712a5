namespace NumeraiPipeline.Orchestrator.Tests.Cli;

/// <summary>run --watch: a change of the pipeline file (or a plugin) triggers the next run in the same process.</summary>
public sealed class WatchTests : IDisposable
{
    private readonly PipelineFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Watch_reruns_after_the_pipeline_file_changes_and_stops_with_130_on_cancel()
    {
        var p = files.Write("w.yaml", "name: watched\nstages:\n  first: { uses: test.echo, with: { message: one } }\n");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new StringWriter();
        var error = new StringWriter();
        var watching = NumeraiPipeline.Orchestrator.Cli.CliApp.InvokeAsync(["run", p, "--watch", "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace], output, error, cts.Token);

        var artifact = files.Artifact("watched", "first", "text.txt");
        await WaitFor(() => File.Exists(artifact) && File.ReadAllText(artifact) == "one\n");
        await WaitFor(() => Text(error).Contains("Watching plugins and"));
        File.WriteAllText(p, "name: watched\nstages:\n  first: { uses: test.echo, with: { message: two } }\n");
        await WaitFor(() => File.Exists(artifact) && File.ReadAllText(artifact) == "two\n");
        cts.Cancel();

        (await watching).ShouldBe(130);
        Text(error).Split("Running pipeline 'watched'").Length.ShouldBe(3);
    }

    private static string Text(StringWriter w)
    {
        lock (w)
        {
            return w.ToString();
        }
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        condition().ShouldBeTrue();
    }
}
