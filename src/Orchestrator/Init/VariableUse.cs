namespace NumeraiPipeline.Orchestrator.Init;

/// <summary>An environment variable a project reads: whether it is a secret, its default, who reads it and what for.</summary>
internal sealed record VariableUse(string Name, bool Secret, string? Default, IReadOnlyList<string> ReadBy, string Description);
