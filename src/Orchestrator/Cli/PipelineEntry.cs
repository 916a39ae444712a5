namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>A named pipeline: its name, file, and whether it is one of the built-in pipelines.</summary>
internal sealed record PipelineEntry(string Name, string Path, bool BuiltIn);
