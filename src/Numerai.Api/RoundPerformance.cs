namespace NumeraiPipeline.Numerai.Api;

/// <summary>A model's performance in one round (<c>v2RoundModelPerformances</c>).</summary>
/// <param name="RoundNumber">The round.</param>
/// <param name="OpenTime">When the round opened.</param>
/// <param name="CloseStakingTime">When its staking closed.</param>
/// <param name="ResolveTime">When it resolves (or resolved).</param>
/// <param name="Resolved">Whether it has resolved (the scores are final).</param>
/// <param name="AtRisk">The NMR at risk in the round.</param>
/// <param name="CorrMultiplier">The corr multiplier of the payout.</param>
/// <param name="MmcMultiplier">The mmc multiplier of the payout.</param>
/// <param name="PayoutFactor">The round's payout factor.</param>
/// <param name="SubmissionId">The submission that counts, if reported.</param>
/// <param name="Scores">The latest scores (final once resolved).</param>
/// <param name="DailyScores">Every daily score so far (empty unless asked for).</param>
public sealed record RoundPerformance(
    int RoundNumber,
    DateTimeOffset? OpenTime,
    DateTimeOffset? CloseStakingTime,
    DateTimeOffset? ResolveTime,
    bool Resolved,
    decimal? AtRisk,
    double? CorrMultiplier,
    double? MmcMultiplier,
    double? PayoutFactor,
    string? SubmissionId,
    IReadOnlyList<RoundScore> Scores,
    IReadOnlyList<RoundScore> DailyScores)
{
    /// <summary>The latest value of a metric, or null.</summary>
    /// <param name="displayName">E.g. <c>canon_corr</c>.</param>
    /// <returns>The value.</returns>
    public double? Score(string displayName) => Scores.FirstOrDefault(s => s.DisplayName == displayName)?.Value;

    /// <summary>The round's payout so far: settled once resolved, else pending (from the latest scores).</summary>
    public decimal? Payout =>
        Scores.FirstOrDefault() is { } s ? (Resolved ? s.PayoutSettled : s.PayoutPending) : null;
}
