using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Plugins;

/// <summary>A stage type found in a plugin: id, description, options type, declared outputs, plugin identity.</summary>
internal sealed record StageDescriptor(
    string Id,
    string Description,
    Type StageType,
    Type OptionsType,
    IReadOnlyList<StageOutputAttribute> Outputs,
    PluginInfo Plugin,
    bool HasExternalVersion)
{
    public StageOutputAttribute? Output(string name) => Outputs.FirstOrDefault(o => o.Name == name);
}
