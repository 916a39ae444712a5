using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

public sealed class ExternalOptions
{
    /// <summary>The file whose content is the external version (a stand-in for the current round).</summary>
    public string VersionFile { get; set; } = "";
}

[Stage("test.external", Description = "A stage keyed on an external version read from a file")]
[StageOutput("seen", Description = "The version seen", Kind = OutputKind.Value)]
public sealed class ExternalStage : IStage<ExternalOptions>, IExternalVersionSource<ExternalOptions>
{
    public Task<string?> GetExternalVersionAsync(StageContext context, ExternalOptions options, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(File.Exists(options.VersionFile) ? File.ReadAllText(options.VersionFile).Trim() : null);

    public Task<StageResult> RunAsync(StageContext context, ExternalOptions options, CancellationToken cancellationToken)
    {
        context.Outputs.SetValue("seen", File.Exists(options.VersionFile) ? File.ReadAllText(options.VersionFile).Trim() : "none");
        return Task.FromResult(StageResult.Succeeded());
    }
}
