using Microsoft.Extensions.Time.Testing;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Numerai.Api.Tests;

/// <summary>A sandbox generating a tiny synthetic dataset (cached once per test run), on a fake clock; plus a workspace.</summary>
internal sealed class SyntheticSandbox : IAsyncDisposable
{
    private static readonly string Cache = Path.Combine(Path.GetTempPath(), "np-api-tests-cache-" + Environment.ProcessId);

    private SyntheticSandbox(SandboxServer server, SignallingTimeProvider time, TempWorkspace workspace)
    {
        Server = server;
        Time = time;
        Workspace = workspace;
    }

    public SandboxServer Server { get; }

    public SignallingTimeProvider Time { get; }

    public TempWorkspace Workspace { get; }

    public string Url => Server.Url.ToString();

    /// <summary>Keys that are not the published demo keys: a sandbox started with them answers only a stage that sends the configured keys.</summary>
    public static NumeraiCredentials OwnKeys { get; } = new("TEST_PUBLIC_ID", "TEST_SECRET_KEY_9f8e7d6c5b4a");

    /// <summary>The keys this sandbox accepts (the demo keys unless it was started with others).</summary>
    public NumeraiCredentials Keys => Server.Options.Keys;

    /// <summary>The sandbox's options (the tests compute the synthetic outcome of a round from them).</summary>
    public SandboxOptions Options => Server.Options;

    public static async Task<SyntheticSandbox> StartAsync(SandboxRoundState? state = SandboxRoundState.Open, int history = 0, int rows = 1200, int features = 8, NumeraiCredentials? keys = null)
    {
        var time = new SignallingTimeProvider(SandboxHarness.Anchor.AddMinutes(30));
        var server = await SandboxServer.StartAsync(new SandboxOptions
        {
            Time = time,
            RoundAnchor = SandboxHarness.Anchor,
            StakingWindow = TimeSpan.FromHours(1),
            SubmissionWindow = TimeSpan.FromHours(2),
            FixedState = state,
            Versions = ["v5.1", "v5.2"],
            CacheDirectory = Cache,
            Rows = rows,
            Features = features,
            Eras = 12,
            Seed = 7,
            Keys = keys ?? NumeraiCredentials.SandboxDemo,
            History = history,
        });
        return new SyntheticSandbox(server, time, new TempWorkspace("np-stage-"));
    }

    /// <summary>A stage context whose secrets hold this sandbox's keys (NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY), or the given secrets.</summary>
    public TestStageContext Context(string stageId = "stage", IDictionary<string, string>? secrets = null, string stageType = "test.stage") =>
        new(Workspace.Path, stageId, secrets ?? new Dictionary<string, string> { ["NUMERAI_PUBLIC_ID"] = Keys.PublicId, ["NUMERAI_SECRET_KEY"] = Keys.SecretKey }, Time, stageType);

    public NumeraiClient DemoClient() => new(new NumeraiClientOptions { Endpoint = Server.Url, Credentials = Keys, RetryBaseDelay = TimeSpan.FromMilliseconds(5) });

    public string ModelId(string name = SandboxServer.DemoModel) => Server.ModelIds[name];

    public async Task<string[]> LiveIdsAsync()
    {
        using var client = new NumeraiClient(new NumeraiClientOptions { Endpoint = Server.Url });
        var path = Workspace.File($"live-{Guid.NewGuid():N}.parquet");
        await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/live.parquet"), path);
        using var reader = NumeraiParquetReader.Open(path);
        return reader.ReadStringColumn("id");
    }

    public async ValueTask DisposeAsync()
    {
        var errors = Server.InternalErrors;
        await Server.DisposeAsync();
        errors.ShouldBeEmpty("the sandbox threw unexpectedly: " + string.Join("; ", errors.Select(e => e.Message)));
        Workspace.Dispose();
    }
}
