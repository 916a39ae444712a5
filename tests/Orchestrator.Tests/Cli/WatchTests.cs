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
        await NumeraiPipeline.TestKit.FileSignals.WaitForTextAsync(artifact, "one\n");
        File.WriteAllText(p, "name: watched\nstages:\n  first: { uses: test.echo, with: { message: two } }\n");
        await NumeraiPipeline.TestKit.FileSignals.WaitForTextAsync(artifact, "two\n");
        cts.Cancel();

        (await watching).ShouldBe(130);
        Text(error).Split("Running pipeline 'watched'").Length.ShouldBe(3);
    }

    [Fact]
    public async Task A_change_made_while_a_run_is_in_progress_is_applied_by_the_next_run()
    {
        var gate = Path.Combine(files.Root, "gate").Replace('\\', '/');
        var started = Path.Combine(files.Root, "started").Replace('\\', '/');
        var p = files.Write("w.yaml", $"name: queued\nstages:\n  first: {{ uses: test.echo, with: {{ message: one, marker: \"{started}\", await_files: [\"{gate}\"], await_timeout_ms: 120000 }} }}\n");
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = new StringWriter();
        var error = new StringWriter();
        var watching = NumeraiPipeline.Orchestrator.Cli.CliApp.InvokeAsync(["run", p, "--watch", "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace], output, error, cts.Token);

        // The first run is in its stage when the pipeline changes; only then may the stage finish.
        await NumeraiPipeline.TestKit.FileSignals.WaitForFileAsync(started);
        File.WriteAllText(p, "name: queued\nstages:\n  first: { uses: test.echo, with: { message: two } }\n");
        File.WriteAllText(gate, "go");

        var artifact = files.Artifact("queued", "first", "text.txt");
        await NumeraiPipeline.TestKit.FileSignals.WaitForTextAsync(artifact, "two\n");
        cts.Cancel();

        (await watching).ShouldBe(130);
    }

    private static string Text(StringWriter w)
    {
        lock (w)
        {
            return w.ToString();
        }
    }
}
