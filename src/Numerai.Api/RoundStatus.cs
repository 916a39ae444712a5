namespace NumeraiPipeline.Numerai.Api;

/// <summary>Numerai's RoundStatus filter of <c>rounds</c>.</summary>
public enum RoundStatus
{
    /// <summary>Open for submissions.</summary>
    Open,

    /// <summary>Closed, being scored.</summary>
    Resolving,

    /// <summary>Scored for good.</summary>
    Resolved,

    /// <summary>Announced, not open yet.</summary>
    Upcoming,
}
