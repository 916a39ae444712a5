namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>Settings of a <see cref="SandboxServer"/>. The defaults give an always-open daily round and a small dataset.</summary>
public sealed record SandboxOptions
{
    /// <summary>The loopback port; 0 picks a free one.</summary>
    /// <value>Default 0.</value>
    public int Port { get; init; }

    /// <summary>The clock of the round schedule and URL expiry; tests pass a fake one.</summary>
    /// <value>Default the system clock.</value>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>When round <see cref="FirstRound"/> opened; round N opens at anchor + (N − first) × period.</summary>
    /// <value>Default 2026-01-06 13:00 UTC.</value>
    public DateTimeOffset RoundAnchor { get; init; } = new(2026, 1, 6, 13, 0, 0, TimeSpan.Zero);

    /// <summary>The number of the round that opened at <see cref="RoundAnchor"/>.</summary>
    /// <value>Default 1000.</value>
    public int FirstRound { get; init; } = 1000;

    /// <summary>Time between round openings.</summary>
    /// <value>Default 1 day.</value>
    public TimeSpan RoundPeriod { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long after opening on-time (staked) submissions are accepted.</summary>
    /// <value>Default 1 day (always open).</value>
    public TimeSpan StakingWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long after opening late submissions are still accepted; after that the round is closed until the next opens.</summary>
    /// <value>Default 1 day.</value>
    public TimeSpan SubmissionWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Forces the round state regardless of the clock (the round number still follows the clock); null follows the schedule.</summary>
    public SandboxRoundState? FixedState { get; init; }

    /// <summary>Dataset versions listed by <c>listDatasets</c>; the last is the newest.</summary>
    /// <value>Default v5.0, v5.1, v5.2.</value>
    public IReadOnlyList<string> Versions { get; init; } = ["v5.0", "v5.1", "v5.2"];

    /// <summary>
    /// A folder holding <c>&lt;version&gt;/train.parquet</c> etc. to serve as they are (e.g. written by
    /// <c>numerai-pipeline synth</c>); <c>live_&lt;round&gt;.parquet</c> is preferred to <c>live.parquet</c> when present.
    /// Null to generate synthetic data into <see cref="CacheDirectory"/>.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>Where generated datasets are cached, one folder per (seed, sizes, version), reused between starts.</summary>
    /// <value>Default <c>numerai-sandbox</c> under the temp folder.</value>
    public string CacheDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "numerai-sandbox");

    /// <summary>Seed of the synthetic data.</summary>
    /// <value>Default 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>Training rows of the synthetic data (validation and live scale from it).</summary>
    /// <value>Default 20000.</value>
    public int Rows { get; init; } = 20_000;

    /// <summary>Features of the synthetic data.</summary>
    /// <value>Default 60.</value>
    public int Features { get; init; } = 60;

    /// <summary>Training eras of the synthetic data.</summary>
    /// <value>Default 100.</value>
    public int Eras { get; init; } = 100;

    /// <summary>Lifetime of signed download and upload URLs.</summary>
    /// <value>Default 1 hour.</value>
    public TimeSpan SignedUrlLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The API keys the sandbox accepts (any others are refused as Numerai does).</summary>
    /// <value>Default the published demo keys <see cref="SandboxServer.DemoPublicId"/> / <see cref="SandboxServer.DemoSecretKey"/>.</value>
    public NumeraiPipeline.Numerai.Api.NumeraiCredentials Keys { get; init; } = NumeraiPipeline.Numerai.Api.NumeraiCredentials.SandboxDemo;

    /// <summary>Models of the demo account (name list); each gets a stable id.</summary>
    /// <value>Default <c>demo_model</c>, <c>demo_model_2</c>.</value>
    public IReadOnlyList<string> Models { get; init; } = [SandboxServer.DemoModel, SandboxServer.DemoModel + "_2"];

    /// <summary>
    /// Past rounds with a submission already made for every model (the rounds before the current one), so scores,
    /// resolved rounds and payouts exist from the start. The first model's history is steady; the others' decays.
    /// </summary>
    /// <value>Default 0.</value>
    public int History { get; init; }

    /// <summary>Time from a round's staking close to its first daily score (day 1).</summary>
    /// <value>Default 3 days.</value>
    public TimeSpan ScoreDelay { get; init; } = TimeSpan.FromDays(3);

    /// <summary>Daily scores of a round; it resolves with the last one (Numerai scores 20 days of 20-day returns).</summary>
    /// <value>Default 20.</value>
    public int ScoringDays { get; init; } = 20;

    /// <summary>Time between two daily scores of a round.</summary>
    /// <value>Default 1 day.</value>
    public TimeSpan ScoringInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The NMR every model of the account has staked (it is at risk in every round it submits to).</summary>
    /// <value>Default 100.</value>
    public decimal Stake { get; init; } = 100m;

    /// <summary>NMR in the account's wallet, not staked.</summary>
    /// <value>Default 250.</value>
    public decimal WalletNmr { get; init; } = 250m;

    /// <summary>How long diagnostics take to compute after <c>createDiagnostics</c> (on <see cref="Time"/>).</summary>
    /// <value>Default 1 minute.</value>
    public TimeSpan DiagnosticsDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The scopes of the demo key as <c>account { apiTokens { scopes } }</c> reports them (numer.ai → Account → API
    /// keys: upload_submission, read_submission_info, read_user_info, stake).
    /// </summary>
    /// <value>Default all four.</value>
    public IReadOnlyList<string> ApiTokenScopes { get; init; } = ["upload_submission", "read_submission_info", "read_user_info", "stake"];
}
