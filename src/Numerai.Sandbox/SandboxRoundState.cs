namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>The state of the sandbox's current round.</summary>
public enum SandboxRoundState
{
    /// <summary>Open: <c>openTime &lt; now &lt; closeStakingTime</c>; submissions are on time.</summary>
    Open,

    /// <summary>Staking has closed but submissions are still accepted (late).</summary>
    Late,

    /// <summary>Between rounds: the current-round lookup fails with "Current round not open for submissions".</summary>
    Closed,
}
