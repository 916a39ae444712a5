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
        string[] lenient = ["--set", "stages.gate.with.min_corr_mean=-1", "--set", "stages.gate.with.max_feature_exposure=1"];
        var (code, output, error) = await RunAsync(Demo(lenient));

        code.ShouldBe(0, error);
        var stages = JsonDocument.Parse(output).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        stages.Keys.ShouldBe(["sandbox", "round", "download", "train", "train_fasttree", "validate", "validate_fasttree", "validate_ensemble", "predict", "predict_fasttree", "live_ensemble", "metrics", "gate", "report", "submit", "notify"], ignoreOrder: true);
        stages.Values.Select(s => s.GetProperty("outcome").GetString()).ShouldAllBe(o => o == "succeeded");
        var metricsPath = stages["metrics"].GetProperty("outputs").GetProperty("metrics").GetString()!;
        using var metrics = JsonDocument.Parse(File.ReadAllText(metricsPath));
        metrics.RootElement.GetProperty("corr").GetProperty("per_era").EnumerateObject().Count().ShouldBeGreaterThan(3);
        File.ReadAllText(stages["report"].GetProperty("outputs").GetProperty("html").GetString()!).ShouldContain("<html");
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
        var (code, output, error) = await RunAsync(Demo("--set", "stages.gate.with.min_corr_mean=0.9"));

        code.ShouldBe(0, error);
        var stages = JsonDocument.Parse(output).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        stages["gate"].GetProperty("outcome").GetString().ShouldBe("declined");
        stages["gate"].GetProperty("message").GetString()!.ShouldContain("0.9");
        stages["submit"].GetProperty("outcome").GetString().ShouldBe("skipped");
        stages["submit"].GetProperty("message").GetString()!.ShouldStartWith("skipped because 'gate' declined: ");
        stages["notify"].GetProperty("outcome").GetString().ShouldBe("succeeded");
        output.ShouldContain("gate");
    }
}
