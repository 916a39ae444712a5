using System.Text.Json;
using NumeraiPipeline.Orchestrator.Cli;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>pipelines/demo.yaml through the CLI entry point, with the real plugins, sandbox, parquet files and LightGBM (small sizes).</summary>
public sealed class DemoPipelineTests : IDisposable
{
    private readonly TempWorkspace temp = new("np-e2e-");

    public void Dispose() => temp.Dispose();

    internal static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "NumeraiPipeline.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.InvokeAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private string[] Demo(params string[] extra) =>
    [
        "run", Path.Combine(Root(), "pipelines", "demo.yaml"),
        "--plugins", Path.Combine(Root(), "artifacts", "plugins"),
        "--workspace", Path.Combine(temp.Path, "ws"),
        "--set", "stages.sandbox.with.rows=6000",
        "--set", "stages.sandbox.with.features=40",
        "--set", "stages.sandbox.with.eras=30",
        "--set", "stages.sandbox.with.seed=7",
        "--set", "stages.train.with.params.n_estimators=40",
        "--set", "stages.train_fasttree.with.params.number_of_trees=10",
        "--json",
        .. extra,
    ];

    [Fact]
    public async Task The_demo_runs_end_to_end_offline_and_a_rerun_skips_the_model_work()
    {
        // Tiny data carries little signal: relax the gate so every stage runs (the gate has its own test below).
        string[] lenient = ["--set", "stages.gate.with.min_corr_mean=-1", "--set", "stages.gate.with.max_feature_exposure=1", "--set", "stages.gate.with.min_live_corr_mean=-1"];
        var (code, output, error) = await RunAsync(Demo(lenient));

        code.ShouldBe(0, error);
        var stages = JsonDocument.Parse(output).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        stages.Keys.ShouldBe(["sandbox", "round", "download", "train", "train_fasttree", "validate", "validate_fasttree", "validate_ensemble", "predict", "predict_fasttree", "live_ensemble", "metrics", "performance", "gate", "report", "submit", "notify"], ignoreOrder: true);
        stages.Values.Select(s => s.GetProperty("outcome").GetString()).ShouldAllBe(o => o == "succeeded");
        var metricsPath = stages["metrics"].GetProperty("outputs").GetProperty("metrics").GetString()!;
        using var metrics = JsonDocument.Parse(File.ReadAllText(metricsPath));
        metrics.RootElement.GetProperty("corr").GetProperty("per_era").EnumerateObject().Count().ShouldBeGreaterThan(3);
        var html = File.ReadAllText(stages["report"].GetProperty("outputs").GetProperty("html").GetString()!);
        html.ShouldContain("<html");
        html.ShouldContain("<h2 id=\"live\">Live</h2>", Case.Sensitive, "the demo's sandbox has 40 past rounds of demo_model");
        stages["performance"].GetProperty("outputs").GetProperty("resolved_rounds").GetString().ShouldBe("18");
        stages["submit"].GetProperty("outputs").GetProperty("submission_id").GetString()!.Length.ShouldBe(36);
        var csv = File.ReadAllLines(stages["predict"].GetProperty("outputs").GetProperty("csv").GetString()!);
        csv[0].ShouldBe("id,prediction");
        error.ShouldContain("pipeline 'demo'", Case.Insensitive);

        var (code2, output2, error2) = await RunAsync(Demo(lenient));

        code2.ShouldBe(0, error2);
        var again = JsonDocument.Parse(output2).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("outcome").GetString());
        again["train"].ShouldBe("up-to-date");
        again["validate"].ShouldBe("up-to-date");
        again["metrics"].ShouldBe("up-to-date");
        again["predict"].ShouldBe("up-to-date");
        again["train_fasttree"].ShouldBe("up-to-date");
        again["live_ensemble"].ShouldBe("up-to-date");
        again["notify"].ShouldBe("succeeded");
        again["submit"].ShouldBe("declined", "the ledger (stage state) remembers the first run's submission of the same predictions");
        // The sandbox's keys reach the stages as options; the secret one is never shown.
        stages["sandbox"].GetProperty("outputs").GetProperty("secret_key").GetString().ShouldBe("***");
        stages["sandbox"].GetProperty("outputs").GetProperty("public_id").GetString()!.ShouldStartWith("SANDBOX_");
    }

    [Fact]
    public async Task A_gate_that_fails_blocks_the_submission_with_its_reason_and_the_notifier_still_reports()
    {
        // A decaying model stops being submitted: demo_model_2's pre-submitted history decays, its last 20 resolved
        // rounds average below 0 live CORR, so the gate declines, the submission is skipped, and the notifier says why.
        using var receiver = new HookReceiver();
        var (code, output, error) = await RunAsync(Demo(
            "--set", "stages.sandbox.with.history=100",
            "--set", "stages.performance.with.model=demo_model_2",
            "--set", "stages.submit.with.model=demo_model_2",
            "--set", "stages.gate.with.min_corr_mean=-1",
            "--set", "stages.gate.with.max_feature_exposure=1",
            "--set", "stages.notify.uses=notify.webhook",
            "--set", $"stages.notify.with.url={receiver.Url}",
            "--set", "stages.notify.with.secret=e2e-webhook-signing-key"));

        code.ShouldBe(0, error);
        var stages = JsonDocument.Parse(output).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        stages["gate"].GetProperty("outcome").GetString().ShouldBe("declined");
        var reason = stages["gate"].GetProperty("message").GetString()!;
        reason.ShouldMatch(@"^quality gate failed 1 of 3 checks: live corr mean \(last 20 resolved rounds, \d+-\d+\) -0\.\d+ < min 0$");
        stages["submit"].GetProperty("outcome").GetString().ShouldBe("skipped");
        stages["submit"].GetProperty("message").GetString()!.ShouldStartWith("skipped because 'gate' declined: ");
        stages["notify"].GetProperty("outcome").GetString().ShouldBe("succeeded");
        var posted = JsonDocument.Parse(await receiver.Body.Task.WaitAsync(TimeSpan.FromSeconds(30))).RootElement;
        posted.GetProperty("status").GetString().ShouldBe("declined");
        posted.GetProperty("summary").GetString()!.ShouldContain("NP6220: " + reason);
    }

    /// <summary>Receives one POST on loopback (notify.webhook's delivery).</summary>
    private sealed class HookReceiver : IDisposable
    {
        private readonly System.Net.HttpListener listener = new();

        public HookReceiver()
        {
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/hook/";
            listener.Prefixes.Add(Url);
            listener.Start();
            _ = Task.Run(async () =>
            {
                var context = await listener.GetContextAsync();
                using var reader = new StreamReader(context.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                context.Response.StatusCode = 200;
                context.Response.Close();
                Body.TrySetResult(body);
            });
        }

        public string Url { get; }

        public TaskCompletionSource<string> Body { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => listener.Close();

        private static int FreePort()
        {
            var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            socket.Start();
            var port = ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
            socket.Stop();
            return port;
        }
    }
}
