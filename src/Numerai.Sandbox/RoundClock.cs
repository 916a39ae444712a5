namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>Computes the current round and its state from the options' schedule and clock.</summary>
internal sealed class RoundClock(SandboxOptions options)
{
    /// <summary>Set at run time by tests and the CLI to force a state; overrides <see cref="SandboxOptions.FixedState"/>.</summary>
    public SandboxRoundState? Override { get; set; }

    public DateTimeOffset Now => options.Time.GetUtcNow();

    /// <summary>The oldest round that exists: the history goes back before <see cref="SandboxOptions.FirstRound"/>.</summary>
    public int EarliestRound => options.FirstRound - Math.Max(0, options.History);

    /// <summary>When a round gets its first daily score.</summary>
    public DateTimeOffset ScoreTime(SandboxRound round) => round.CloseStakingTime + options.ScoreDelay;

    /// <summary>When a round gets the score of <paramref name="day"/> (1-based).</summary>
    public DateTimeOffset DayTime(SandboxRound round, int day) => ScoreTime(round) + (options.ScoringInterval * (day - 1));

    /// <summary>When a round resolves: its last daily score.</summary>
    public DateTimeOffset ResolveTime(SandboxRound round) => DayTime(round, options.ScoringDays);

    /// <summary>How many daily scores a round has now (0 before the first, <see cref="SandboxOptions.ScoringDays"/> once resolved).</summary>
    public int DaysScored(SandboxRound round)
    {
        var first = ScoreTime(round);
        var now = Now;
        return now < first ? 0 : Math.Min(options.ScoringDays, 1 + (int)Math.Floor((now - first) / options.ScoringInterval));
    }

    /// <summary>Whether the round has resolved.</summary>
    public bool IsResolved(SandboxRound round) => DaysScored(round) >= options.ScoringDays;

    /// <summary>The round's status as Numerai's RoundStatus names it: OPEN, RESOLVING or RESOLVED.</summary>
    public string Status(SandboxRound round) =>
        IsResolved(round) ? "RESOLVED" : round.Number == Current().Number && round.State != SandboxRoundState.Closed ? "OPEN" : "RESOLVING";

    /// <summary>When the first round of the UTC day <paramref name="day"/> opens (or opened) on the schedule.</summary>
    public DateTimeOffset OpenTimeOn(DateTimeOffset day)
    {
        var index = Math.Ceiling((day - options.RoundAnchor) / options.RoundPeriod);
        return options.RoundAnchor + (options.RoundPeriod * index);
    }

    /// <summary>The latest round that has opened, with its state now.</summary>
    public SandboxRound Current()
    {
        var now = Now;
        var index = (long)Math.Floor((now - options.RoundAnchor) / options.RoundPeriod);
        var open = options.RoundAnchor + (options.RoundPeriod * index);
        var number = options.FirstRound + (int)index;
        var state = Override ?? options.FixedState;
        return state switch
        {
            SandboxRoundState.Open => new SandboxRound(number, now.AddHours(-1), now.AddHours(1), now.AddHours(2), SandboxRoundState.Open),
            SandboxRoundState.Late => new SandboxRound(number, now.AddHours(-2), now.AddHours(-1), now.AddHours(1), SandboxRoundState.Late),
            SandboxRoundState.Closed => new SandboxRound(number, now.AddHours(-3), now.AddHours(-2), now.AddHours(-1), SandboxRoundState.Closed),
            _ => FromSchedule(number, open, now),
        };
    }

    /// <summary>A past or current round by number (its schedule times).</summary>
    public SandboxRound? ByNumber(int number)
    {
        var current = Current();
        if (number > current.Number || number < EarliestRound)
        {
            return null;
        }

        return number == current.Number ? current : FromSchedule(number, options.RoundAnchor + (options.RoundPeriod * (number - options.FirstRound)), Now);
    }

    private SandboxRound FromSchedule(int number, DateTimeOffset open, DateTimeOffset now)
    {
        var staking = open + options.StakingWindow;
        var close = open + options.SubmissionWindow;
        var state = now < staking ? SandboxRoundState.Open : now < close ? SandboxRoundState.Late : SandboxRoundState.Closed;
        return new SandboxRound(number, open, staking, close, state);
    }
}
