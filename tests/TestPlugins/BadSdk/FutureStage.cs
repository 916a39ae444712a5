using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.BadSdk;

[Stage("test.future")]
public sealed class FutureStage : IStage
{
}
