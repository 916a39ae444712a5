namespace NumeraiPipeline.Numerai.Api;

/// <summary>The current round as <c>rounds(number: 0)</c> reports it.</summary>
/// <param name="Number">The round number.</param>
/// <param name="OpenTime">When it opened.</param>
/// <param name="CloseStakingTime">When staked submissions close (after that a submission is late).</param>
/// <param name="CloseTime">When the round closes, if reported.</param>
public sealed record RoundInfo(int Number, DateTimeOffset? OpenTime, DateTimeOffset? CloseStakingTime, DateTimeOffset? CloseTime)
{
    /// <summary>numerapi's <c>check_round_open</c>: <c>openTime &lt; now &lt; closeStakingTime</c>.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>Whether the round is open for on-time submissions.</returns>
    public bool IsOpenAt(DateTimeOffset now) => OpenTime is { } open && CloseStakingTime is { } close && open < now && now < close;
}
