using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests;

/// <summary>A temporary folder with pipeline files and a workspace, for tests that run the CLI.</summary>
internal sealed class PipelineFiles : IDisposable
{
    private readonly TempWorkspace temp = new("np-orch-");

    public string Root => temp.Path;

    public string Workspace => Path.Combine(temp.Path, "ws");

    public string Write(string name, string yaml)
    {
        var path = Path.Combine(temp.Path, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public string Artifact(string pipeline, string stage, string file) => Path.Combine(Workspace, "artifacts", pipeline, stage, file);

    public Task<CliResult> RunAsync(string pipelineFile, params string[] extra) =>
        TestRepo.RunCliAsync(["run", pipelineFile, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", Workspace, .. extra]);

    public Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, string pipelineFile, params string[] extra) =>
        TestRepo.RunCliAsync(environment, CancellationToken.None, ["run", pipelineFile, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", Workspace, .. extra]);

    public void Dispose() => temp.Dispose();
}
