using NumeraiPipeline.Orchestrator.Cli;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>
/// Model parameters are checked when a pipeline is validated or planned, with the real plugins, so a typo fails in
/// seconds with its file position instead of after the download, when the model stage runs.
/// </summary>
public sealed class PlanTimeValidationTests : IDisposable
{
    private readonly TempWorkspace temp = new("np-validate-");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task An_unknown_lightgbm_or_fasttree_parameter_fails_validation_with_its_position()
    {
        var path = Path.Combine(temp.Path, "typo.yaml");
        File.WriteAllText(path, """
            stages:
              lgbm:
                uses: lightgbm.train
                with:
                  data: train.parquet
                  params: { n_estimators: 20, num_leafs: 31 }
              lgbm_twice:
                uses: lightgbm.train
                with:
                  data: train.parquet
                  params: { colsample_bytree: 0.1, feature_fraction: 0.2 }
              fasttree:
                uses: mlnet.train
                with:
                  data: train.parquet
                  params: { number_of_tree: 20 }
            """);

        var (code, output, error) = await Run("validate", path);

        code.ShouldBe(2, output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldContain($"{path}(6,7): error NP2002: stage 'lgbm' (lightgbm.train): option 'params': 'num_leafs' is not a LightGBM parameter or alias. Did you mean 'num_leaves'?");
        lines.ShouldContain($"{path}(11,7): error NP2002: stage 'lgbm_twice' (lightgbm.train): option 'params': 'feature_fraction' and 'colsample_bytree' both set LightGBM's 'feature_fraction'; keep one.");
        lines.ShouldContain(l => l.StartsWith($"{path}(16,7): error NP2002: stage 'fasttree' (mlnet.train): option 'params': unknown FastTree parameter 'number_of_tree'", StringComparison.Ordinal) && l.EndsWith("Did you mean 'number_of_trees'?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Numerai_example_parameter_names_pass_validation()
    {
        var path = Path.Combine(temp.Path, "ok.yaml");
        File.WriteAllText(path, """
            stages:
              lgbm:
                uses: lightgbm.train
                with:
                  data: train.parquet
                  params: { n_estimators: 2000, learning_rate: 0.01, max_depth: 5, num_leaves: 31, colsample_bytree: 0.1, min_child_samples: 20, random_state: 1 }
            """);

        var (code, output, error) = await Run("validate", path);

        code.ShouldBe(0, error);
        output.ShouldContain("is valid");
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.InvokeAsync([.. args, "--plugins", Path.Combine(DemoPipelineTests.Root(), "artifacts", "plugins")], output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
