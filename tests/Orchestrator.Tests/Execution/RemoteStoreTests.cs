using System.Text.Json;

namespace NumeraiPipeline.Orchestrator.Tests.Execution;

/// <summary>--store mirrors artifacts and stamps, so a fresh workspace (a new container job) resumes from the store.</summary>
public sealed class RemoteStoreTests : IDisposable
{
    private readonly PipelineFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task A_job_on_a_fresh_workspace_finds_everything_up_to_date_in_the_store()
    {
        var store = Path.Combine(files.Root, "bucket");
        var p = files.Write("s.yaml", """
            name: stored
            stages:
              first: { uses: test.echo, with: { message: one } }
              second: { uses: test.copy, with: { source: "${stages.first.outputs.text}" } }
            """);

        var job1 = await TestRepo.RunCliAsync("run", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", Path.Combine(files.Root, "job1"), "--store", store, "--json");
        var job2 = await TestRepo.RunCliAsync("run", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", Path.Combine(files.Root, "job2"), "--store", store, "--json");

        job1.ExitCode.ShouldBe(0, job1.Error);
        File.Exists(Path.Combine(store, "stamps", "stored", "second.json")).ShouldBeTrue();
        File.Exists(Path.Combine(store, "artifacts", "stored", "second", "copy.txt")).ShouldBeTrue();
        job2.ExitCode.ShouldBe(0, job2.Error);
        JsonDocument.Parse(job2.Output).RootElement.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("outcome").GetString()).ShouldAllBe(o => o == "up-to-date");
        File.ReadAllText(Path.Combine(files.Root, "job2", "artifacts", "stored", "second", "copy.txt")).ShouldBe("one\n");
    }
}
