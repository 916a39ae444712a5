using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Plugins.Numerai.Live.Tests;

/// <summary>A sandbox with a small synthetic dataset and a pre-submitted history, on a signalling fake clock.</summary>
internal sealed class LiveSandbox : IAsyncDisposable
{
    public static readonly DateTimeOffset Anchor = new(2026, 3, 3, 13, 0, 0, TimeSpan.Zero);

    private static readonly string Cache = Path.Combine(Path.GetTempPath(), "np-live-tests-cache-" + Environment.ProcessId);

    private LiveSandbox(SandboxServer server, SignallingTimeProvider time, TempWorkspace workspace)
    {
        Server = server;
        Time = time;
        Workspace = workspace;
    }

    public SandboxServer Server { get; }

    public SignallingTimeProvider Time { get; }

    public TempWorkspace Workspace { get; }

    public string Url => Server.Url.ToString();

    /// <summary>Round 1000 opened 30 minutes ago (always open); rounds 1000 − history … 999 are submitted for both models.</summary>
    public static async Task<LiveSandbox> StartAsync(int history = 40, TimeSpan? diagnosticsDelay = null)
    {
        var time = new SignallingTimeProvider(Anchor.AddMinutes(30));
        var server = await SandboxServer.StartAsync(new SandboxOptions
        {
            Time = time,
            RoundAnchor = Anchor,
            StakingWindow = TimeSpan.FromHours(1),
            SubmissionWindow = TimeSpan.FromHours(2),
            FixedState = SandboxRoundState.Open,
            Versions = ["v5.2"],
            CacheDirectory = Cache,
            Rows = 6000,
            Features = 20,
            Eras = 30,
            Seed = 5,
            History = history,
            DiagnosticsDelay = diagnosticsDelay ?? TimeSpan.FromMinutes(1),
        });
        return new LiveSandbox(server, time, new TempWorkspace("np-live-"));
    }

    /// <summary>A stage context whose secrets hold the sandbox's keys (the configured keys go to the loopback endpoint).</summary>
    public TestStageContext Context(string stageId) =>
        new(Workspace.Path, stageId, new Dictionary<string, string> { ["NUMERAI_PUBLIC_ID"] = NumeraiCredentials.SandboxPublicId, ["NUMERAI_SECRET_KEY"] = NumeraiCredentials.SandboxSecretKey }, Time);

    public NumeraiClient Client() => new(new NumeraiClientOptions { Endpoint = Server.Url, Credentials = NumeraiCredentials.SandboxDemo });

    public async Task<string> DownloadAsync(string file)
    {
        using var client = Client();
        var path = Workspace.File(Path.GetFileName(file));
        await client.DownloadFileAsync(await client.GetDatasetUrlAsync(file), path);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        var errors = Server.InternalErrors;
        await Server.DisposeAsync();
        errors.ShouldBeEmpty("the sandbox threw unexpectedly: " + string.Join("; ", errors.Select(e => e.Message)));
        Workspace.Dispose();
    }
}
