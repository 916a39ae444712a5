namespace NumeraiPipeline.Orchestrator.Plugins;

/// <summary>The identity of a loaded plugin: part of every stage fingerprint.</summary>
internal sealed record PluginInfo(string Name, string Version, string ContentHash, string AssemblyPath);
