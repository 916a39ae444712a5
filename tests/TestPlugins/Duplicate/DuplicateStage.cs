using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Duplicate;

public sealed class DuplicateOptions
{
}

/// <summary>Claims the id of TestPlugins.Basic's echo stage: loading both must fail with NP3002.</summary>
[Stage("test.echo", Description = "A second definition of test.echo")]
public sealed class DuplicateStage : IStage<DuplicateOptions>
{
    public Task<StageResult> RunAsync(StageContext context, DuplicateOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(StageResult.Succeeded());
}
