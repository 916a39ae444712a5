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

    [Fact]
    public async Task Every_option_error_that_needs_no_data_fails_validate_plan_and_run_with_its_position()
    {
        var path = Path.Combine(temp.Path, "bad.yaml");
        File.WriteAllText(path, """
            vars:
              leaves: -5
            stages:
              round:
                uses: numerai.round
                with: { max_wait: soon, poll_interval: 0s, min_time_left: "5 minutes", api_url: "ftp://api.example.com/graphql" }
              download:
                uses: numerai.download
                with: { version: "5.2", files: [trian.parquet, live.parquet, live.parquet], api_url: "api-tournament.numer.ai" }
              train:
                uses: lightgbm.train
                with:
                  data: train.parquet
                  params: { num_leaves: "${vars.leaves}", learning_rate: -1, n_estimators: 2147483648, objective: regresion, colsample_bytree: 1.5, metric: ncdg, deterministic: 1 }
              rf:
                uses: lightgbm.train
                with: { data: train.parquet, params: { early_stopping_rounds: 10 } }
              fasttree:
                uses: mlnet.train
                with:
                  data: train.parquet
                  params: { number_of_leaves: 1, learning_rate: 0, feature_fraction: lots }
              ensemble:
                uses: ensemble
                with: { predictions: [a.parquet, b.parquet], weights: [-1, 0, 2], data: v.parquet }
              zero:
                uses: ensemble
                with: { predictions: [a.parquet], weights: [0], data: v.parquet }
              webhook:
                uses: notify.webhook
                with: { url: "ftp://x", secret: s3cr3t }
              slack:
                uses: notify.slack
                with: { webhook_url: "hooks.slack.com/services/T000/B000/XXXX" }
              email:
                uses: notify.email
                with: { host: "smtp://mail.example.com:2525", port: 70000, from: "bot@", to: ["ok@example.com", "not an address"], starttls: requried, certificate_thumbprint: "AB:CD" }
              console:
                uses: notify.console
                with: { format: jsn }
              gate:
                uses: numerai.gate
                with: { metrics: m.json, max_drawdown: -0.1, max_feature_exposure: 1.5, min_corr_mean: 2 }
            """);
        string[] expected =
        [
            "(6,13): error NP2002: stage 'round' (numerai.round): option 'max_wait': 'soon' is not a duration. Write it as 90m, 2h, 45s, 1d, a number of seconds or hh:mm:ss.",
            "(6,29): error NP2002: stage 'round' (numerai.round): option 'poll_interval' must be more than 0 (e.g. 60s).",
            "(6,48): error NP2002: stage 'round' (numerai.round): option 'min_time_left': '5 minutes' is not a duration. Write it as 90m, 2h, 45s, 1d, a number of seconds or hh:mm:ss. Did you mean '5m'?",
            "(6,76): error NP2002: stage 'round' (numerai.round): option 'api_url': 'ftp://api.example.com/graphql' is not an http(s) URL. Set it to e.g. https://api-tournament.numer.ai, or leave it empty for NUMERAI_API_URL. Did you mean 'https://api.example.com/graphql'?",
            "(9,29): error NP2002: stage 'download' (numerai.download): option 'files': 'trian.parquet' is not a Numerai dataset file this stage knows (known: train.parquet, validation.parquet, live.parquet, features.json, meta_model.parquet, train_benchmark_models.parquet, validation_benchmark_models.parquet, live_benchmark_models.parquet, validation_example_preds.parquet, live_example_preds.parquet). Did you mean 'train.parquet'?",
            "(9,29): error NP2002: stage 'download' (numerai.download): option 'files' lists 'live.parquet' twice. Keep one.",
            "(9,13): error NP2002: stage 'download' (numerai.download): option 'version': '5.2' is not a Numerai dataset version: write it as Numerai names them (v5.0, v5.1, v5.2, ...) or 'latest'. Did you mean 'v5.2'?",
            "(9,81): error NP2002: stage 'download' (numerai.download): option 'api_url': 'api-tournament.numer.ai' is not an http(s) URL. Set it to e.g. https://api-tournament.numer.ai, or leave it empty for NUMERAI_API_URL. Did you mean 'https://api-tournament.numer.ai'?",
            "(14,7): error NP2002: stage 'train' (lightgbm.train): option 'params': 'num_leaves' must be > 1 and <= 131072 (LightGBM's limits), not -5.",
            "(14,7): error NP2002: stage 'train' (lightgbm.train): option 'params': 'learning_rate' must be > 0 (LightGBM's limits), not -1.",
            "(14,7): error NP2002: stage 'train' (lightgbm.train): option 'params': 'n_estimators' (LightGBM's 'num_iterations') = 2147483648 is beyond LightGBM's 32-bit integer range (-2147483648 to 2147483647).",
            "(14,7): error NP2002: stage 'train' (lightgbm.train): option 'params': 'objective' must be one of regression, regression_l1, huber, fair, poisson, quantile, mape, gamma, tweedie, binary, multiclass, multiclassova, cross_entropy, cross_entropy_lambda, lambdarank, rank_xendcg, custom. Did you mean 'regression'?",
            "(14,7): error NP2002: stage 'train' (lightgbm.train): option 'params': 'colsample_bytree' (LightGBM's 'feature_fraction') must be > 0 and <= 1 (LightGBM's limits), not 1.5.",
            "(14,7): error NP2002: stage 'train' (lightgbm.train): option 'params': 'metric' must be one of None, l1, l2, rmse, quantile, mape, huber, fair, poisson, gamma, gamma_deviance, tweedie, ndcg, map, auc, average_precision, binary_logloss, binary_error, auc_mu, multi_logloss, multi_error, cross_entropy, cross_entropy_lambda, kullback_leibler. Did you mean 'ndcg'?",
            "(14,7): error NP2002: stage 'train' (lightgbm.train): option 'params': 'deterministic' must be true or false, not 1.",
            "(17,34): error NP2002: stage 'rf' (lightgbm.train): option 'params': 'early_stopping_rounds' (LightGBM's 'early_stopping_round') is not used: lightgbm.train runs its own boosting loop. Set the stage option 'early_stopping_rounds' (with 'valid') instead.",
            "(22,7): error NP2002: stage 'fasttree' (mlnet.train): option 'params': 'number_of_leaves' must be a whole number from 2 to 2147483647 (ML.NET's limits), not 1.",
            "(22,7): error NP2002: stage 'fasttree' (mlnet.train): option 'params': 'learning_rate' must be a number > 0, not 0.",
            "(22,7): error NP2002: stage 'fasttree' (mlnet.train): option 'params': 'feature_fraction' must be a number > 0 and <= 1.",
            "(25,50): error NP2002: stage 'ensemble' (ensemble): option 'weights': weight 1 of 3 is -1; every weight must be a finite number >= 0.",
            "(25,50): error NP2002: stage 'ensemble' (ensemble): option 'weights' has 3 weight(s) for 2 prediction file(s). Give one weight per file, in the same order, or none for equal weights.",
            "(28,39): error NP2002: stage 'zero' (ensemble): option 'weights': every weight is 0, and at least one must be more than 0. Remove 'weights' for equal weights.",
            "(31,13): error NP2002: stage 'webhook' (notify.webhook): option 'url' must be an http:// or https:// URL, not ftp://. Did you mean 'https://x/…'?",
            "(34,13): error NP2002: stage 'slack' (notify.slack): option 'webhook_url' is not an absolute URL: write the whole URL, starting with https://. Did you mean 'https://hooks.slack.com/…'?",
            "(37,51): error NP2002: stage 'email' (notify.email): option 'port' must be between 1 and 65535.",
            "(37,13): error NP2002: stage 'email' (notify.email): option 'host' is a host name, not a URL. Did you mean 'mail.example.com' with port: 2525?",
            "(37,64): error NP2002: stage 'email' (notify.email): option 'from': 'bot@' is not a mail address. Write 'name@example.com' or 'Name <name@example.com>'.",
            "(37,78): error NP2002: stage 'email' (notify.email): option 'to' (entry 2 of 2): 'not an address' is not a mail address. Write 'name@example.com' or 'Name <name@example.com>'; one address per entry.",
            "(37,120): error NP2002: stage 'email' (notify.email): option 'starttls' must be auto, required or none. Did you mean 'required'?",
            "(37,140): error NP2002: stage 'email' (notify.email): option 'certificate_thumbprint' must be the SHA-256 thumbprint of the server's certificate: 64 hex digits, colons allowed.",
            "(40,13): error NP2002: stage 'console' (notify.console): option 'format' must be text or json. Did you mean 'json'?",
            "(43,30): error NP2002: stage 'gate' (numerai.gate): option 'max_drawdown' is -0.1, but a drawdown is never negative, so the gate could never pass. Give the largest acceptable drop of cumulative CORR, e.g. 0.1.",
            "(43,50): error NP2002: stage 'gate' (numerai.gate): option 'max_feature_exposure' must be from 0 to 1 (an exposure is an absolute correlation), not 1.5.",
            "(43,77): error NP2002: stage 'gate' (numerai.gate): option 'min_corr_mean' must be from -1 to 1 (it is a mean correlation), not 2.",
        ];

        foreach (var command in new[] { "validate", "plan", "run" })
        {
            var (code, output, error) = await Run(command, path, "--workspace", Path.Combine(temp.Path, "ws"));

            code.ShouldBe(2, command + ": " + output + error);
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            foreach (var line in expected)
            {
                lines.ShouldContain(path + line, command);
            }

            lines.Count(l => l.Contains(": error NP", StringComparison.Ordinal)).ShouldBe(expected.Length, command + ":\n" + error);
        }

        Directory.Exists(Path.Combine(temp.Path, "ws", "artifacts")).ShouldBeFalse("nothing ran");
    }

    [Fact]
    public async Task Parameters_that_contradict_each_other_fail_validation()
    {
        var path = Path.Combine(temp.Path, "conflict.yaml");
        File.WriteAllText(path, """
            stages:
              rf:
                uses: lightgbm.train
                with: { data: train.parquet, params: { boosting: rf, device_type: gpu, objective: multiclass } }
            """);

        var (code, _, error) = await Run("validate", path);

        code.ShouldBe(2);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldBe(
        [
            $"{path}(4,34): error NP2002: stage 'rf' (lightgbm.train): option 'params': objective 'multiclass' needs num_class > 1 (LightGBM's check).",
            $"{path}(4,34): error NP2002: stage 'rf' (lightgbm.train): option 'params': boosting 'rf' (random forest) needs bagging (bagging_freq > 0 and bagging_fraction < 1) or feature_fraction < 1 (LightGBM's check).",
            $"{path}(4,34): error NP2002: stage 'rf' (lightgbm.train): option 'params': device_type 'gpu' needs LightGBM built for GPUs; the library lightgbm.train ships (the LightGBM NuGet package) runs on the CPU only. Use device_type: cpu.",
        ]);
    }

    [Fact]
    public async Task Values_from_set_vars_and_env_defaults_are_checked_and_stage_outputs_are_left_for_the_run()
    {
        var path = Path.Combine(temp.Path, "values.yaml");
        File.WriteAllText(path, """
            vars:
              lr: 0.01
            stages:
              models:
                uses: lightgbm.train
                with: { data: train.parquet, params: { learning_rate: "${vars.lr}", max_depth: "${env.NP_TEST_UNSET_DEPTH:-2147483648}" } }
              later:
                uses: lightgbm.train
                with: { data: "${stages.models.outputs.model}", params: { num_leaves: "${stages.models.outputs.model_info}" } }
              mix:
                uses: ensemble
                with: { predictions: ["${stages.models.outputs.model}"], weights: [1, 2], data: v.parquet }
            """);

        var (code, _, error) = await Run("validate", path, "--set", "stages.models.with.params.num_leaves=2147483648", "--set", "vars.lr=-0.5");

        code.ShouldBe(2);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldBe(
        [
            $"{path}(6,34): error NP2002: stage 'models' (lightgbm.train): option 'params': 'learning_rate' must be > 0 (LightGBM's limits), not -0.5.",
            $"{path}(6,34): error NP2002: stage 'models' (lightgbm.train): option 'params': 'max_depth' = 2147483648 is beyond LightGBM's 32-bit integer range (-2147483648 to 2147483647).",
            $"{path}(6,34): error NP2002: stage 'models' (lightgbm.train): option 'params': 'num_leaves' = 2147483648 is beyond LightGBM's 32-bit integer range (-2147483648 to 2147483647).",
        ]);
    }

    [Fact]
    public async Task Neutralize_options_are_checked_at_plan_time_and_a_feature_set_against_a_features_json_on_disk()
    {
        File.WriteAllText(Path.Combine(temp.Path, "features.json"), """{"feature_sets": {"small": ["feature_a"], "medium": ["feature_a", "feature_b"]}, "targets": ["target"]}""");
        var path = Path.Combine(temp.Path, "neutralize.yaml");
        File.WriteAllText(path, $$"""
            stages:
              over:
                uses: numerai.neutralize
                with: { predictions: p.parquet, data: v.parquet, columns: [feature_a], proportion: 1.5 }
              typo:
                uses: numerai.neutralize
                with: { predictions: p.parquet, data: v.parquet, features: "{{Path.Combine(temp.Path, "features.json")}}", feature_set: smal }
              both:
                uses: numerai.neutralize
                with: { predictions: p.parquet, data: v.parquet, features: f.json, feature_set: small, columns: [feature_a, feature_a] }
              none:
                uses: numerai.neutralize
                with: { predictions: p.parquet, data: v.parquet, prediction_columns: [feature_a], columns: [feature_a] }
              later:
                uses: numerai.neutralize
                with: { predictions: p.parquet, data: v.parquet, features: "${stages.typo.outputs.csv}", feature_set: anything }
            """);

        var (code, output, error) = await Run("validate", path);

        // the typo's column depends on the length of the features.json path written before it
        var typo = File.ReadAllLines(path)[6].IndexOf("feature_set", StringComparison.Ordinal) + 1;
        code.ShouldBe(2, output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Contains(": error NP", StringComparison.Ordinal)).ToList();
        lines.ShouldBe(
        [
            $"{path}(4,76): error NP2002: stage 'over' (numerai.neutralize): option 'proportion' is 1.5; it must be between 0 and 1 (the fraction of the feature fit removed, e.g. 0.5).",
            $"{path}(7,{typo}): error NP2002: stage 'typo' (numerai.neutralize): option 'feature_set': Unknown feature set 'smal'. Known sets: medium, small. Did you mean 'small'?",
            $"{path}(10,92): error NP2002: stage 'both' (numerai.neutralize): options 'feature_set' and 'columns' are both given. Neutralize against a feature set of features.json or against listed columns: remove one.",
            $"{path}(10,92): error NP2002: stage 'both' (numerai.neutralize): option 'columns' names 'feature_a' more than once. List each column once.",
            $"{path}(13,54): error NP2002: stage 'none' (numerai.neutralize): 'feature_a' is both a prediction column and a feature column. A column cannot be neutralized against itself.",
        ], ignoreOrder: true);
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.InvokeAsync([.. args, "--plugins", Path.Combine(DemoPipelineTests.Root(), "artifacts", "plugins")], output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
