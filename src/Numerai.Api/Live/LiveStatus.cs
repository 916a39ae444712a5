namespace NumeraiPipeline.Numerai.Api.Live;

/// <summary>The round states of performance.json.</summary>
public static class LiveStatus
{
    /// <summary>Final scores.</summary>
    public const string Resolved = "resolved";

    /// <summary>Daily scores so far.</summary>
    public const string Resolving = "resolving";

    /// <summary>Submitted, not scored yet.</summary>
    public const string Pending = "pending";
}
