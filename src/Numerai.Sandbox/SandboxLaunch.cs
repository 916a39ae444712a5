using System.Globalization;

namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>
/// The settings of a standalone sandbox (the <c>numerai-pipeline sandbox</c> command): data sizes, the round clock
/// (<c>open</c>, <c>late</c>, <c>closed</c> or <c>schedule</c>, as the numerai.sandbox stage takes it; optionally from
/// another instant and at another speed), the pre-submitted history and the fault switches. <see cref="RunAsync"/>
/// starts it, prints how to use it and serves until cancelled.
/// </summary>
public sealed record SandboxLaunch
{
    /// <summary>The values <see cref="Clock"/> takes.</summary>
    public static readonly IReadOnlyList<string> ClockValues = ["open", "late", "closed", "schedule"];

    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Training rows of the synthetic data.</summary>
    public int Rows { get; init; } = 20_000;

    /// <summary>Features of the synthetic data.</summary>
    public int Features { get; init; } = 60;

    /// <summary>Training eras of the synthetic data.</summary>
    public int Eras { get; init; } = 100;

    /// <summary>Seed of the synthetic data.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>A folder to serve instead of generating data.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>open (default: the current round is always open), late, closed, or schedule (daily: 1 h on time, 1 h late, closed).</summary>
    public string Clock { get; init; } = "open";

    /// <summary>The instant the sandbox clock starts at (null: now).</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Sandbox seconds per real second.</summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>Past rounds with a submission already made for every model.</summary>
    public int History { get; init; }

    /// <summary>The next N GraphQL requests fail with <see cref="FailStatus"/>.</summary>
    public int FailGraphQl { get; init; }

    /// <summary>The HTTP status of injected GraphQL failures (500 JSON, 502/503/504 an HTML gateway page).</summary>
    public int FailStatus { get; init; } = 503;

    /// <summary>A delay before every GraphQL answer.</summary>
    public TimeSpan GraphQlDelay { get; init; }

    /// <summary>The next N downloads fail with 503.</summary>
    public int FailDownloads { get; init; }

    /// <summary>The next N downloads send half their bytes, then drop the connection.</summary>
    public int CutDownloads { get; init; }

    /// <summary>The next N ranged downloads ignore Range (whole file, 200).</summary>
    public int IgnoreRange { get; init; }

    /// <summary>The next N uploads fail with 500.</summary>
    public int FailUploads { get; init; }

    /// <summary>Maps a clock value to a fixed round state (null = follow the schedule); throws <see cref="ArgumentException"/> for other values.</summary>
    /// <param name="clock">open, late, closed or schedule (any case).</param>
    /// <returns>The state.</returns>
    public static SandboxRoundState? ParseClock(string clock) => clock.Trim().ToLowerInvariant() switch
    {
        "open" => SandboxRoundState.Open,
        "late" => SandboxRoundState.Late,
        "closed" => SandboxRoundState.Closed,
        "schedule" => null,
        _ => throw new ArgumentException($"'{clock}' is not one of {string.Join(", ", ClockValues)}"),
    };

    /// <summary>The server options these settings give.</summary>
    /// <returns>The options.</returns>
    public SandboxOptions ToOptions()
    {
        var state = ParseClock(Clock);
        return new SandboxOptions
        {
            Port = Port,
            Time = Now is null && Speed == 1.0 ? TimeProvider.System : new ShiftedTimeProvider(Now ?? DateTimeOffset.UtcNow, Speed),
            FixedState = state,
            StakingWindow = state is null ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1),
            SubmissionWindow = state is null ? TimeSpan.FromHours(2) : TimeSpan.FromDays(1),
            Rows = Rows,
            Features = Features,
            Eras = Eras,
            Seed = Seed,
            DataDirectory = DataDirectory is null ? null : Path.GetFullPath(DataDirectory),
            History = History,
        };
    }

    /// <summary>Arms the fault switches on a running server.</summary>
    /// <param name="faults">The server's faults.</param>
    public void ApplyFaults(SandboxFaults faults)
    {
        faults.GraphQlFailureStatus = FailStatus;
        faults.GraphQlDelay = GraphQlDelay;
        faults.FailGraphQl(FailGraphQl);
        faults.FailDownloads(FailDownloads);
        faults.CutDownloads(CutDownloads);
        faults.IgnoreRange(IgnoreRange);
        faults.FailUploads(FailUploads);
    }

    /// <summary>Starts the sandbox, prints its URL, keys and round, and serves until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="output">Where to print.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>The exit code (0).</returns>
    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var options = ToOptions();
        await using var server = await SandboxServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        await server.PrepareAsync(cancellationToken).ConfigureAwait(false);
        ApplyFaults(server.Faults);
        var round = server.CurrentRound;
        await output.WriteLineAsync($"Numerai API sandbox listening on {server.Url}").ConfigureAwait(false);
        await output.WriteLineAsync($"Use it with: export NUMERAI_API_URL={server.Url}  (numerapi: numerapi.base_api.API_TOURNAMENT_URL = \"{server.Url}\")").ConfigureAwait(false);
        await output.WriteLineAsync($"Demo keys: NUMERAI_PUBLIC_ID={SandboxServer.DemoPublicId} NUMERAI_SECRET_KEY={SandboxServer.DemoSecretKey}; models: {string.Join(", ", options.Models)}").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Clock {Clock}{(Now is { } n ? $" from {n.UtcDateTime:u}" : "")}{(Speed != 1.0 ? $" at {Speed:0.##}x" : "")}: round {round.Number} ({round.State.ToString().ToLowerInvariant()}); history: {History} past rounds submitted per model")).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }
}
