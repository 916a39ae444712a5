using NumeraiPipeline.Orchestrator.Telemetry;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>The options every command shares.</summary>
internal sealed record GlobalSettings
{
    public IReadOnlyList<string> PluginsDirectories { get; init; } = [];

    public bool NoBuiltInPlugins { get; init; }

    public string? Workspace { get; init; }

    public IReadOnlyList<string> Sets { get; init; } = [];

    public bool Verbose { get; init; }

    public bool Quiet { get; init; }

    public bool Json { get; init; }

    public LogFormat LogFormat { get; init; }

    public string? Trace { get; init; }

    public string? Store { get; init; }
}
