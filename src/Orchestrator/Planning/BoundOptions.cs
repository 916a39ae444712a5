namespace NumeraiPipeline.Orchestrator.Planning;

/// <summary>
/// A stage's options bound when the pipeline was planned, because none of them waits for another stage's output:
/// the executor and the plan's verdicts use this instance instead of binding again (options are bound once per stage
/// per run). <paramref name="SecretValues"/> are the secret values the options used, which the fingerprint covers.
/// </summary>
internal sealed record BoundOptions(object Options, IReadOnlyCollection<string> SecretValues);
