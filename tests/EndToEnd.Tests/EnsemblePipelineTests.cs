using System.Text.Json;
using NumeraiPipeline.Orchestrator.Cli;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>pipelines/numerai-ensemble.yaml through the CLI with the real plugins, sandbox and LightGBM (small sizes).</summary>
public sealed class EnsemblePipelineTests : IDisposable
{
    private readonly TempWorkspace temp = new("np-ens-");

    public void Dispose() => temp.Dispose();

    private string[] Ensemble(params string[] extra) =>
    [
        "run", Path.Combine(DemoPipelineTests.Root(), "pipelines", "numerai-ensemble.yaml"),
        "--plugins", Path.Combine(DemoPipelineTests.Root(), "artifacts", "plugins"),
        "--workspace", Path.Combine(temp.Path, "ws"),
        "--set", "vars.rows=6000",
        "--set", "vars.features=40",
        "--set", "vars.eras=30",
        "--set", "vars.trees=20",
        "--set", "stages.gate.with.min_corr_mean=-1",
        "--set", "stages.gate.with.max_feature_exposure=1",
        "--json",
        .. extra,
    ];

    private static async Task<Dictionary<string, JsonElement>> RunAsync(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.InvokeAsync(args, output, error, CancellationToken.None);
        code.ShouldBe(0, error.ToString());
        return JsonDocument.Parse(output.ToString()).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.Clone());
    }

    [Fact]
    public async Task Three_targets_by_two_seeds_are_trained_ensembled_neutralized_scored_and_submitted_and_a_new_target_trains_only_its_models()
    {
        var stages = await RunAsync(Ensemble());

        string[] targets = ["target", "target_cyrusd_20", "target_teager2b_20"];
        var models = targets.SelectMany(t => new[] { 1, 2 }.Select(s => $"[target={t},seed={s}]")).ToList();
        foreach (var stage in new[] { "train", "validate", "predict" })
        {
            stages.Keys.Where(k => k.StartsWith(stage + "[", StringComparison.Ordinal)).ShouldBe(models.Select(m => stage + m), ignoreOrder: true);
        }

        stages.Values.Select(s => s.GetProperty("outcome").GetString()).ShouldAllBe(o => o == "succeeded");
        stages["submit"].GetProperty("outputs").GetProperty("submission_id").GetString()!.Length.ShouldBe(36);

        // each model learnt its own target with its own seed: the six validation predictions differ
        var files = models.Select(m => File.ReadAllText(stages["validate" + m].GetProperty("outputs").GetProperty("csv").GetString()!)).ToList();
        files.Distinct().Count().ShouldBe(6);

        var neutral = stages["validate_neutral"].GetProperty("outputs");
        double Value(string name) => double.Parse(neutral.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Value("exposure_after").ShouldBeLessThan(Value("exposure_before"));
        var metricsPath = stages["metrics"].GetProperty("outputs").GetProperty("metrics").GetString()!;
        File.Exists(metricsPath).ShouldBeTrue();

        var again = await RunAsync(Ensemble("--set", "vars.targets=[target,target_cyrusd_20,target_teager2b_20,target_ender_60]"));

        var ran = again.Where(s => s.Value.GetProperty("outcome").GetString() == "succeeded").Select(s => s.Key).ToList();
        string[] added = ["[target=target_ender_60,seed=1]", "[target=target_ender_60,seed=2]"];
        ran.Where(k => k.Contains('[', StringComparison.Ordinal)).ShouldBe(new[] { "train", "validate", "predict" }.SelectMany(s => added.Select(a => s + a)), ignoreOrder: true);
        models.ShouldAllBe(m => again["train" + m].GetProperty("outcome").GetString() == "up-to-date");
        ran.ShouldContain("validate_ensemble");
        ran.ShouldContain("validate_neutral");
    }
}
