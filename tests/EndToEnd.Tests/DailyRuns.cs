using System.Text.Json;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>
/// pipelines/numerai-daily.yaml as a scheduler or a Cloud Run job runs it: the real executable in its own process,
/// configured only through its environment (keys, endpoint, model, store emulator), against a sandbox on loopback
/// with keys of its own (not the published demo keys) standing in for api-tournament.numer.ai.
/// </summary>
internal sealed class DailyRuns : IAsyncDisposable
{
    public static readonly NumeraiCredentials Keys = new("E2E_PUBLIC_ID", "E2E-SECRET-KEY-4c0ffee5");

    private DailyRuns(SandboxServer sandbox, TempWorkspace temp)
    {
        Sandbox = sandbox;
        Temp = temp;
    }

    public SandboxServer Sandbox { get; }

    public TempWorkspace Temp { get; }

    /// <summary>The PUTs of prediction files the sandbox received (one per upload).</summary>
    public int Uploads => Sandbox.Requests.Count(r => r.Method == "PUT" && r.Path.StartsWith("/uploads/", StringComparison.Ordinal));

    /// <summary>
    /// Starts the sandbox (<paramref name="rows"/> training rows in <paramref name="eras"/> eras: a live round has
    /// rows / eras rows); with <paramref name="history"/> its past rounds are submitted (demo_model steady, demo_model_2 decaying).
    /// </summary>
    public static async Task<DailyRuns> StartAsync(string name, int history = 0, int rows = 6000, int eras = 40)
    {
        var temp = new TempWorkspace("np-" + name + "-");
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Rows = rows, Features = 40, Eras = eras, Seed = 11, CacheDirectory = temp.File("sandbox-cache"), Keys = Keys, History = history });
        return new DailyRuns(sandbox, temp);
    }

    /// <summary>One execution in the workspace <paramref name="workspace"/> (a fresh folder: a fresh container).</summary>
    public Task<CliProcessResult> RunAsync(string workspace, string? store = null, IReadOnlyDictionary<string, string?>? environment = null, params string[] extra)
    {
        var root = DemoPipelineTests.Root();
        List<string> args =
        [
            "run", Path.Combine(root, "pipelines", "numerai-daily.yaml"), "--json",
            "--plugins", Path.Combine(root, "artifacts", "plugins"),
            "--workspace", Temp.File(workspace),
            "--set", "stages.train.with.params.n_estimators=20",
            "--set", "stages.train.with.era_stride=2",
            "--set", "stages.train.with.seed=5",
            .. extra,
        ];
        if (store is not null)
        {
            args.AddRange(["--store", store]);
        }

        var env = new Dictionary<string, string?>
        {
            ["NUMERAI_API_URL"] = Sandbox.Url.ToString(),
            ["NUMERAI_MODEL"] = SandboxServer.DemoModel,
            ["NUMERAI_PUBLIC_ID"] = Keys.PublicId,
            ["NUMERAI_SECRET_KEY"] = Keys.SecretKey,
        };
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            env[k] = v;
        }

        return NumeraiPipeline.TestKit.CliProcess.RunAsync(args, env, Temp.Path);
    }

    public static Dictionary<string, JsonElement> Stages(CliProcessResult run) =>
        JsonDocument.Parse(run.Output).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);

    public static string Outcome(CliProcessResult run, string stage) => Stages(run)[stage].GetProperty("outcome").GetString()!;

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        Temp.Dispose();
    }
}
