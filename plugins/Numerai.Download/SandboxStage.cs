using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>
/// Starts the local Numerai API sandbox for the rest of the run (synthetic data, demo account) and outputs its URL.
/// Stages given a loopback api_url use the sandbox's published demo keys, so no account is needed.
/// </summary>
[Stage("numerai.sandbox", Description = "Start the local Numerai API sandbox (synthetic data, demo account) for the rest of the run")]
[StageOutput("api_url", Kind = OutputKind.Value, Description = "The sandbox's GraphQL endpoint; pass it as api_url to numerai.download / numerai.submit")]
[StageOutput("model", Kind = OutputKind.Value, Description = "The demo account's first model name (demo_model)")]
[StageOutput("round", Kind = OutputKind.Value, Description = "The sandbox's current round")]
public sealed class SandboxStage : IStage<SandboxStageOptions>, IExternalVersionSource<SandboxStageOptions>
{
    /// <summary>A fresh value every time: the server lives only in this process, so the stage must run in every run.</summary>
    /// <param name="context">The context.</param>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A unique string.</returns>
    public Task<string?> GetExternalVersionAsync(StageContext context, SandboxStageOptions options, CancellationToken cancellationToken) =>
        Task.FromResult<string?>("process-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N"));

    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, SandboxStageOptions options, CancellationToken cancellationToken)
    {
        SandboxRoundState? state = options.Clock.ToLowerInvariant() switch
        {
            "open" => SandboxRoundState.Open,
            "late" => SandboxRoundState.Late,
            "closed" => SandboxRoundState.Closed,
            "schedule" => null,
            _ => throw new StageException(DownloadErrorCodes.BadOption, $"stage '{context.StageId}': option 'clock': '{options.Clock}' is not one of open, late, closed, schedule.") { ExitCode = 2 },
        };
        var sandboxOptions = new SandboxOptions
        {
            Port = options.Port,
            Time = context.Time,
            FixedState = state,
            StakingWindow = state is null ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1),
            SubmissionWindow = state is null ? TimeSpan.FromHours(2) : TimeSpan.FromDays(1),
            Versions = options.Versions,
            DataDirectory = options.DataDirectory,
            CacheDirectory = Path.Combine(context.ScratchDirectory, "data"),
            Seed = options.Seed,
            Rows = options.Rows,
            Features = options.Features,
            Eras = options.Eras,
            History = options.History,
            DiagnosticsDelay = DurationText.TryParse(options.DiagnosticsDelay, out var delay)
                ? delay
                : throw new StageException(DownloadErrorCodes.BadOption, $"stage '{context.StageId}': option 'diagnostics_delay': '{options.DiagnosticsDelay}' is not a duration. {DurationText.Forms}.") { ExitCode = 2 },
        };

        SandboxServer server;
        try
        {
            server = await SandboxServer.StartAsync(sandboxOptions, cancellationToken);
        }
        catch (IOException e)
        {
            throw new StageException(DownloadErrorCodes.SandboxStartFailed, $"stage '{context.StageId}': the sandbox could not listen on 127.0.0.1:{options.Port} ({e.Message}). Use port: 0 for a free port.", e);
        }

        context.RegisterRunResource(server);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var files = await server.PrepareAsync(cancellationToken);
        context.Logger.LogInformation(
            "Sandbox data ready: {Files} files for {Versions} in {Seconds:0.0} s (cache {Cache})",
            files, string.Join(", ", options.Versions), System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, sandboxOptions.CacheDirectory);
        var url = server.Url.ToString();
        context.Outputs.SetValue("api_url", url);
        context.Outputs.SetValue("model", SandboxServer.DemoModel);
        context.Outputs.SetValue("round", server.CurrentRound.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.AddSummary("api_url", url);
        context.AddSummary("round", $"{server.CurrentRound.Number} ({server.CurrentRound.State.ToString().ToLowerInvariant()})");
        context.Logger.LogInformation("Numerai sandbox listening on {Url} (round {Round}, {State}); demo model {Model}", url, server.CurrentRound.Number, server.CurrentRound.State, SandboxServer.DemoModel);
        return StageResult.Succeeded();
    }
}
