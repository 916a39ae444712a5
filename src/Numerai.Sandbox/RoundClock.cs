namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>Computes the current round and its state from the options' schedule and clock.</summary>
internal sealed class RoundClock(SandboxOptions options)
{
    /// <summary>Set at run time by tests and the CLI to force a state; overrides <see cref="SandboxOptions.FixedState"/>.</summary>
    public SandboxRoundState? Override { get; set; }

    public DateTimeOffset Now => options.Time.GetUtcNow();

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
        if (number > current.Number || number < options.FirstRound)
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
