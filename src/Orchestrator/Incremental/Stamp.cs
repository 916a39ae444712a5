namespace NumeraiPipeline.Orchestrator.Incremental;

/// <summary>
/// What a completed stage leaves behind: its fingerprint with the components (so a change can be explained), and each
/// output (file outputs with path relative to the workspace, size, modification time and SHA-256).
/// </summary>
internal sealed record Stamp
{
    public required string Stage { get; init; }

    public required string Fingerprint { get; init; }

    public required FingerprintComponents Components { get; init; }

    public required Dictionary<string, StampOutput> Outputs { get; init; }

    public Dictionary<string, string> Summary { get; init; } = [];

    public required string RunId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }
}

internal sealed record StampOutput(string Kind, string? Path, string? Value, long Size, long Ticks, string? Sha256);
