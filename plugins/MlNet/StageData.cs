using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>The required path options of the mlnet.* and ensemble stages (NP6121 when one is missing).</summary>
internal static class StageData
{
    public static string RequirePath(ArtifactRef? artifact, string stage, string option, string what) =>
        artifact?.Path is { Length: > 0 } path
            ? path
            : throw MlNetErrors.Input.Exception(stage, option, what);
}
