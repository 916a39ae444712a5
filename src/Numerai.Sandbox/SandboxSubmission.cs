namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>A submission the sandbox accepted.</summary>
/// <param name="Id">The submission id.</param>
/// <param name="ModelId">The model id.</param>
/// <param name="Filename">The uploaded file's server-side key.</param>
/// <param name="Round">The round it counts for.</param>
/// <param name="InsertedAt">When it was created.</param>
/// <param name="Late">Whether it came after staking closed.</param>
/// <param name="TriggerId">The trigger id sent, if any.</param>
/// <param name="Ids">The submitted live ids.</param>
/// <param name="Predictions">The submitted predictions, aligned with <paramref name="Ids"/>.</param>
public sealed record SandboxSubmission(
    string Id,
    string ModelId,
    string Filename,
    int Round,
    DateTimeOffset InsertedAt,
    bool Late,
    string? TriggerId,
    IReadOnlyList<string> Ids,
    IReadOnlyList<double> Predictions);
