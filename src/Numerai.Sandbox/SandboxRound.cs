namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>A round of the sandbox's schedule.</summary>
/// <param name="Number">The round number.</param>
/// <param name="OpenTime">When it opened.</param>
/// <param name="CloseStakingTime">When on-time submissions close.</param>
/// <param name="CloseTime">When late submissions close.</param>
/// <param name="State">Its state now.</param>
public sealed record SandboxRound(int Number, DateTimeOffset OpenTime, DateTimeOffset CloseStakingTime, DateTimeOffset CloseTime, SandboxRoundState State);
