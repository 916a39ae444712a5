using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Versioned;

public sealed class VersionedOptions
{
    /// <summary>A file the stage waits for before finishing (lets a test swap plugins while a run is in progress).</summary>
    public string? WaitFor { get; set; }
}

[Stage("test.versioned", Description = "Reports which build of the plugin ran")]
[StageOutput("version", Description = "The plugin build that ran", Kind = OutputKind.Value)]
public sealed class VersionedStage : IStage<VersionedOptions>
{
#if V2
    private const string Build = "v2";
#else
    private const string Build = "v1";
#endif

    public async Task<StageResult> RunAsync(StageContext context, VersionedOptions options, CancellationToken cancellationToken)
    {
        while (options.WaitFor is not null && !File.Exists(options.WaitFor))
        {
            await Task.Delay(20, cancellationToken);
        }

        context.Outputs.SetValue("version", Build);
        context.AddSummary("build", Build);
        return StageResult.Succeeded();
    }
}
