namespace NumeraiPipeline.Numerai.Api;

/// <summary>A round with its calendar (<c>rounds(…)</c>).</summary>
/// <param name="Number">The round number.</param>
/// <param name="OpenTime">When it opened.</param>
/// <param name="CloseStakingTime">When on-time (staked) submissions closed.</param>
/// <param name="CloseTime">When late submissions closed.</param>
/// <param name="ScoreTime">When the first score is (or was) published.</param>
/// <param name="ResolveTime">When it resolves (or resolved).</param>
/// <param name="Resolved">Whether it has resolved.</param>
/// <param name="PayoutFactor">The payout factor, if reported.</param>
/// <param name="CorrMultiplier">The default corr multiplier, if reported.</param>
/// <param name="MmcMultiplier">The default mmc multiplier, if reported.</param>
public sealed record RoundDetails(
    int Number,
    DateTimeOffset? OpenTime,
    DateTimeOffset? CloseStakingTime,
    DateTimeOffset? CloseTime,
    DateTimeOffset? ScoreTime,
    DateTimeOffset? ResolveTime,
    bool Resolved,
    double? PayoutFactor,
    double? CorrMultiplier,
    double? MmcMultiplier);
