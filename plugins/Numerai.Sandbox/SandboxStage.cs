using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Sandbox;

/// <summary>
/// Starts the local Numerai API sandbox for the rest of the run (synthetic data, demo account) and outputs its URL and
/// the API keys it accepts: fresh random keys every run, which the other stages take as options
/// (<c>public_id</c>, <c>secret_key</c>); the secret key is a secret output (redacted, never stored).
/// </summary>
[Stage("numerai.sandbox", Description = "Start the local Numerai API sandbox (synthetic data, demo account) for the rest of the run")]
[StageOutput("api_url", Kind = OutputKind.Value, Description = "The sandbox's GraphQL endpoint; pass it as api_url to numerai.round / numerai.download / numerai.submit")]
[StageOutput("public_id", Kind = OutputKind.Value, Description = "The public id the sandbox accepts (fresh every run); pass it as public_id")]
[StageOutput("secret_key", Kind = OutputKind.Value, Secret = true, Description = "The secret key the sandbox accepts (fresh every run, a secret: never shown or stored); pass it as secret_key")]
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
            _ => throw SandboxErrors.BadOption.Exception(context.StageId, "clock", options.Clock, "one of open, late, closed, schedule"),
        };
        // Fresh keys every run: nothing but this run's stages, given them explicitly, can use the sandbox.
        var keys = new NumeraiPipeline.Numerai.Api.NumeraiCredentials("SANDBOX_" + RandomHex(10), RandomHex(32));
        context.Secrets.Register(keys.SecretKey);
        var sandboxOptions = new SandboxOptions
        {
            Keys = keys,
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
                : throw SandboxErrors.BadOption.Exception(context.StageId, "diagnostics_delay", options.DiagnosticsDelay, $"a duration. {DurationText.Forms}"),
        };

        SandboxServer server;
        try
        {
            server = await SandboxServer.StartAsync(sandboxOptions, cancellationToken);
        }
        catch (IOException e)
        {
            throw SandboxErrors.StartFailed.ExceptionFrom(e, context.StageId, options.Port, e.Message);
        }

        context.RegisterRunResource(server);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var files = await server.PrepareAsync(cancellationToken);
        context.Logger.LogInformation(
            "Sandbox data ready: {Files} files for {Versions} in {Seconds:0.0} s (cache {Cache})",
            files, string.Join(", ", options.Versions), System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, sandboxOptions.CacheDirectory);
        var url = server.Url.ToString();
        context.Outputs.SetValue("api_url", url);
        context.Outputs.SetValue("public_id", keys.PublicId);
        context.Outputs.SetValue("secret_key", keys.SecretKey);
        context.Outputs.SetValue("model", SandboxServer.DemoModel);
        context.Outputs.SetValue("round", server.CurrentRound.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.AddSummary("api_url", url);
        context.AddSummary("round", $"{server.CurrentRound.Number} ({server.CurrentRound.State.ToString().ToLowerInvariant()})");
        context.Logger.LogInformation("Numerai sandbox listening on {Url} (round {Round}, {State}); demo model {Model}", url, server.CurrentRound.Number, server.CurrentRound.State, SandboxServer.DemoModel);
        return StageResult.Succeeded();
    }

    private static string RandomHex(int bytes) => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));
}
