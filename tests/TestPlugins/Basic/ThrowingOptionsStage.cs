using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

/// <summary>Options whose constructor throws: binding them at plan time fails in a way no stage code handles.</summary>
public sealed class ThrowingOptions
{
    public ThrowingOptions() => throw new InvalidOperationException("options constructor exploded");

    public string? Anything { get; set; }
}

[Stage("test.throwing-options", Description = "A stage whose options cannot be created (host guard tests)")]
public sealed class ThrowingOptionsStage : IStage<ThrowingOptions>
{
    public Task<StageResult> RunAsync(StageContext context, ThrowingOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(StageResult.Succeeded());
}
