using Microsoft.Extensions.Time.Testing;
using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Numerai.Api.Tests;

/// <summary>A sandbox on loopback serving a tiny dataset, on a fake clock, plus clients with short retry delays.</summary>
internal sealed class SandboxHarness : IAsyncDisposable
{
    private readonly TempWorkspace workspace;

    private SandboxHarness(SandboxServer server, FakeTimeProvider time, TempWorkspace workspace)
    {
        Server = server;
        Time = time;
        this.workspace = workspace;
    }

    /// <summary>Round 1000 opened at the anchor; staking closes after 1 h, late submissions after 2 h, next round after 24 h.</summary>
    public static readonly DateTimeOffset Anchor = new(2026, 3, 3, 13, 0, 0, TimeSpan.Zero);

    public SandboxServer Server { get; }

    public FakeTimeProvider Time { get; }

    public List<string> LogLines { get; } = [];

    public string DataDirectory => workspace.File("data");

    public string File(string relative) => workspace.File(relative);

    public static async Task<SandboxHarness> StartAsync(TimeSpan? sinceOpen = null)
    {
        var time = new FakeTimeProvider(Anchor + (sinceOpen ?? TimeSpan.FromMinutes(30)));
        var ws = new TempWorkspace("np-api-data-");
        await TinyDataset.WriteAsync(ws.File("data"), "v5.1", "v5.2");
        var server = await SandboxServer.StartAsync(new SandboxOptions
        {
            Time = time,
            RoundAnchor = Anchor,
            StakingWindow = TimeSpan.FromHours(1),
            SubmissionWindow = TimeSpan.FromHours(2),
            Versions = ["v5.1", "v5.2"],
            DataDirectory = ws.File("data"),
        });
        return new SandboxHarness(server, time, ws);
    }

    public NumeraiClient Client(NumeraiCredentials? credentials = null, int attempts = 4, TimeSpan? timeout = null) =>
        new(
            new NumeraiClientOptions
            {
                Endpoint = Server.Url,
                Credentials = credentials,
                MaxAttempts = attempts,
                RetryBaseDelay = TimeSpan.FromMilliseconds(5),
                RequestTimeout = timeout ?? TimeSpan.FromSeconds(20),
                TransferIdleTimeout = TimeSpan.FromSeconds(20),
            },
            new RecordingLogger(LogLines, new DictionarySecretStore(new Dictionary<string, string>())));

    public NumeraiClient DemoClient(int attempts = 4) => Client(SandboxServer.DemoCredentials, attempts);

    public async ValueTask DisposeAsync()
    {
        var errors = Server.InternalErrors;
        await Server.DisposeAsync();
        errors.ShouldBeEmpty("the sandbox threw unexpectedly: " + string.Join("; ", errors.Select(e => e.Message)));
        workspace.Dispose();
    }
}
