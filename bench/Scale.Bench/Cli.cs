using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NumeraiPipeline.Plugins.LightGbm.Training;

namespace NumeraiPipeline.Scale.Bench;

/// <summary>The lightgbm stages run through the CLI (the orchestrator loading the plugin), one process per run.</summary>
internal static partial class Cli
{
    public static LightGbmParameters Parameters(int trees, int threads, int features) => LightGbmParameters.Create(Params(trees), threads, 1, true, features);

    /// <summary>lightgbm.train on a layout: dataset construction seconds (from the stage's log), stage seconds, peak RSS.</summary>
    public static (double Dataset, double Stage, double PeakMiB, string Model) Train(string repo, string directory, string work, int threads, int trees)
    {
        var yaml = Path.Combine(work, "train.yaml");
        File.WriteAllText(yaml, $$"""
            name: scale-train
            stages:
              train:
                uses: lightgbm.train
                with:
                  data: "{{Path.Combine(directory, "train.parquet")}}"
                  features: "{{Path.Combine(directory, "features.json")}}"
                  feature_set: all
                  num_threads: {{threads}}
                  seed: 1
                  params: { n_estimators: {{trees}}, learning_rate: 0.01, max_depth: 5, num_leaves: 31, colsample_bytree: 0.1 }
            """);
        var (output, error, peak) = Run(repo, yaml, Path.Combine(work, "ws-train"));
        var match = DatasetSeconds().Match(error + output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"lightgbm.train through the CLI did not report its dataset construction:\n{error}\n{output}");
        }

        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), StageSeconds(output, "train"), peak,
            Path.Combine(work, "ws-train", "artifacts", "scale-train", "train", "model.txt"));
    }

    /// <summary>lightgbm.predict of a file with a model: stage seconds and peak RSS.</summary>
    public static (double Stage, double PeakMiB) Predict(string repo, string model, string data, string work, int threads, string name)
    {
        var yaml = Path.Combine(work, $"predict-{name}.yaml");
        File.WriteAllText(yaml, $$"""
            name: scale-predict-{{name}}
            stages:
              predict:
                uses: lightgbm.predict
                with:
                  model: "{{model}}"
                  data: "{{data}}"
                  num_threads: {{threads}}
            """);
        var (output, _, peak) = Run(repo, yaml, Path.Combine(work, "ws-predict-" + name));
        return (StageSeconds(output, "predict"), peak);
    }

    private static (string Output, string Error, double PeakMiB) Run(string repo, string yaml, string workspace)
    {
        var cli = Path.Combine(repo, "src", "Orchestrator", "bin", "Release", "net10.0", "numerai-pipeline.dll");
        var (code, output, error, peak, _) = Child.Run("dotnet", [cli, "run", yaml, "--workspace", workspace, "--plugins", Path.Combine(repo, "artifacts", "plugins"), "--json"], repo);
        return code == 0 ? (output, error, peak) : throw new InvalidOperationException($"the CLI failed ({code}):\n{error}\n{output}");
    }

    private static double StageSeconds(string json, string stage)
    {
        using var doc = JsonDocument.Parse(json[json.IndexOf('{', StringComparison.Ordinal)..]);
        return doc.RootElement.GetProperty("stages").EnumerateArray().First(s => s.GetProperty("id").GetString() == stage).GetProperty("duration_seconds").GetDouble();
    }

    private static Dictionary<string, JsonElement> Params(int trees) => new()
    {
        ["n_estimators"] = JsonSerializer.SerializeToElement(trees),
        ["learning_rate"] = JsonSerializer.SerializeToElement(0.01),
        ["max_depth"] = JsonSerializer.SerializeToElement(5),
        ["num_leaves"] = JsonSerializer.SerializeToElement(31),
        ["colsample_bytree"] = JsonSerializer.SerializeToElement(0.1),
    };

    [GeneratedRegex(@"after ([0-9.]+) s of dataset construction")]
    private static partial Regex DatasetSeconds();
}
