using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

/// <summary>Implements the contract without [Stage]: the host warns (NP3003) and ignores it.</summary>
public sealed class NoAttributeStage : IStage<CopyOptions>
{
    public Task<StageResult> RunAsync(StageContext context, CopyOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(StageResult.Succeeded());
}
