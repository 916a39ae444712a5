using System.Text.Json;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>
/// The CLI as its own process, so that whatever LightGBM's native library prints to the process's stdout and stderr
/// would show: its log lines become structured records (one JSON object a line with --log-format json), its Fatal
/// errors never appear raw, no build path of LightGBM's CI leaks, and with --json stdout is one JSON document even with
/// ML.NET (FastTree) and ScottPlot (the report) in the run.
/// </summary>
public sealed class NativeOutputEndToEndTests : IDisposable
{
    private readonly TempWorkspace temp = new("np-native-");

    public void Dispose() => temp.Dispose();

    private string Pipeline(string trainParams)
    {
        var path = Path.Combine(temp.Path, "native.yaml");
        File.WriteAllText(path, $$"""
            stages:
              sandbox:
                uses: numerai.sandbox
                cache: never
                with: { rows: 2000, features: 20, eras: 10, seed: 3 }
              download:
                uses: numerai.download
                with: { api_url: "${stages.sandbox.outputs.api_url}", files: [train.parquet, validation.parquet, features.json] }
              train:
                uses: lightgbm.train
                with: { data: "${stages.download.outputs.train}", features: "${stages.download.outputs.features}", feature_set: all, num_threads: 2, params: { {{trainParams}} } }
              fasttree:
                uses: mlnet.train
                with: { data: "${stages.download.outputs.train}", features: "${stages.download.outputs.features}", feature_set: all, params: { number_of_trees: 3 } }
              validate:
                uses: lightgbm.predict
                with: { model: "${stages.train.outputs.model}", data: "${stages.download.outputs.validation}" }
              metrics:
                uses: numerai.metrics
                with: { predictions: "${stages.validate.outputs.predictions}", data: "${stages.download.outputs.validation}" }
              report:
                uses: numerai.report
                with: { metrics: "${stages.metrics.outputs.metrics}" }
            """);
        return path;
    }

    [Fact]
    public async Task LightGBMs_log_lines_are_json_records_and_stdout_is_one_json_document()
    {
        var path = Pipeline("n_estimators: 5, verbosity: 1");

        var (code, output, error) = await CliProcess.RunAsync(temp.Path, new Dictionary<string, string>(), "run", path, "--workspace", Path.Combine(temp.Path, "ws"), "--json", "--log-format", "json");

        code.ShouldBe(0, error);
        using (var document = JsonDocument.Parse(output))
        {
            document.RootElement.GetProperty("stages").GetArrayLength().ShouldBe(7);
        }

        var records = error.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Contains("LightGBM", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToList();
        var lightgbm = records.Where(r => r.TryGetProperty("message", out var m) && m.GetString()!.StartsWith("LightGBM: ", StringComparison.Ordinal)).ToList();
        lightgbm.ShouldContain(r => r.GetProperty("message").GetString()!.StartsWith("LightGBM: Total Bins ", StringComparison.Ordinal));
        lightgbm.ShouldAllBe(r => r.GetProperty("logger").GetString() == "lightgbm.train" && r.GetProperty("stage").GetString() == "train");
        (output + error).ShouldNotContain("[LightGBM]");
        (output + error).ShouldNotContain("/__w/");
    }

    [Fact]
    public async Task A_fatal_LightGBM_error_at_run_time_is_a_coded_failure_and_never_a_raw_native_line()
    {
        // Which feature indices exist is known only from the data: LightGBM fails when it creates the booster.
        File.WriteAllText(Path.Combine(temp.Path, "splits.json"), """{ "feature": 999, "threshold": 1.5 }""");
        var path = Pipeline("n_estimators: 5, forcedsplits_filename: splits.json");

        foreach (var format in new[] { "human", "json" })
        {
            var (code, output, error) = await CliProcess.RunAsync(temp.Path, new Dictionary<string, string>(), "run", path, "--workspace", Path.Combine(temp.Path, "ws-" + format), "--log-format", format);

            code.ShouldBe(1, error);
            error.ShouldContain("NP6105");
            error.ShouldContain("LightGBM failed (LGBM_BoosterCreate) on train.parquet: Forced splits file includes feature index 999, but maximum feature index in dataset is 19");
            (output + error).ShouldNotContain("[LightGBM]");
            (output + error).ShouldNotContain("[Fatal]");
            (output + error).ShouldNotContain("/__w/");
        }
    }
}
