using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using NumeraiPipeline.Plugins.LightGbm;
using NumeraiPipeline.Plugins.LightGbm.Parameters;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.LightGbm.Tests;

/// <summary>lightgbm.train's plan-time check of its options (what the host runs for validate, plan and run).</summary>
public sealed class ParamsValidationTests
{
    private static List<string> Problems(object parameters, Action<TrainOptions>? change = null)
    {
        var options = new TrainOptions
        {
            Data = new ArtifactRef("train.parquet"),
            Params = JsonSerializer.SerializeToElement(parameters).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
        };
        change?.Invoke(options);
        return ((IValidatableObject)options).Validate(new ValidationContext(options)).Select(r => r.ErrorMessage!).ToList();
    }

    [Fact]
    public void Numerai_example_parameters_are_fine()
    {
        Problems(new { n_estimators = 2000, learning_rate = 0.01, max_depth = 5, num_leaves = 31, colsample_bytree = 0.1, min_child_samples = 20, random_state = 1, verbosity = -1 }).ShouldBeEmpty();
        Problems(new { objective = "huber", metric = "l2,mae", boosting = "dart", deterministic = "TRUE", monotone_constraints = new[] { -1, 0, 1 }, interaction_constraints = new[] { new[] { 0, 1 }, new[] { 2 } } }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("num_leaves", "-5", "option 'params': 'num_leaves' must be > 1 and <= 131072 (LightGBM's limits), not -5.")]
    [InlineData("num_leaves", "2147483648", "option 'params': 'num_leaves' = 2147483648 is beyond LightGBM's 32-bit integer range (-2147483648 to 2147483647).")]
    [InlineData("max_leaves", "200000", "option 'params': 'max_leaves' (LightGBM's 'num_leaves') must be > 1 and <= 131072 (LightGBM's limits), not 200000.")]
    [InlineData("learning_rate", "-1", "option 'params': 'learning_rate' must be > 0 (LightGBM's limits), not -1.")]
    [InlineData("eta", "0", "option 'params': 'eta' (LightGBM's 'learning_rate') must be > 0 (LightGBM's limits), not 0.")]
    [InlineData("n_estimators", "-1", "option 'params': 'n_estimators' (LightGBM's 'num_iterations') must be >= 0 (LightGBM's limits), not -1.")]
    [InlineData("min_data_in_leaf", "-1", "option 'params': 'min_data_in_leaf' must be >= 0 (LightGBM's limits), not -1.")]
    [InlineData("subsample", "0", "option 'params': 'subsample' (LightGBM's 'bagging_fraction') must be > 0 and <= 1 (LightGBM's limits), not 0.")]
    [InlineData("colsample_bytree", "1.5", "option 'params': 'colsample_bytree' (LightGBM's 'feature_fraction') must be > 0 and <= 1 (LightGBM's limits), not 1.5.")]
    [InlineData("reg_lambda", "-0.5", "option 'params': 'reg_lambda' (LightGBM's 'lambda_l2') must be >= 0 (LightGBM's limits), not -0.5.")]
    [InlineData("lambda_l1", "-1", "option 'params': 'lambda_l1' must be >= 0 (LightGBM's limits), not -1.")]
    [InlineData("max_bin", "1", "option 'params': 'max_bin' must be > 1 (LightGBM's limits), not 1.")]
    [InlineData("max_depth", "5.5", "option 'params': 'max_depth' must be a whole number, not 5.5.")]
    [InlineData("tweedie_variance_power", "2", "option 'params': 'tweedie_variance_power' must be >= 1 and < 2 (LightGBM's limits), not 2.")]
    [InlineData("deterministic", "1", "option 'params': 'deterministic' must be true or false, not 1.")]
    [InlineData("objective", "regresion", "option 'params': 'objective' must be one of regression, regression_l1, huber, fair, poisson, quantile, mape, gamma, tweedie, binary, multiclass, multiclassova, cross_entropy, cross_entropy_lambda, lambdarank, rank_xendcg, custom. Did you mean 'regression'?")]
    [InlineData("boosting_type", "gdbt", "option 'params': 'boosting_type' (LightGBM's 'boosting') must be one of gbdt, rf, dart, goss. Did you mean 'gbdt'?")]
    [InlineData("metric", "l2,ncdg", "option 'params': 'metric' (entry 2 of 2) must be one of None, l1, l2, rmse, quantile, mape, huber, fair, poisson, gamma, gamma_deviance, tweedie, ndcg, map, auc, average_precision, binary_logloss, binary_error, auc_mu, multi_logloss, multi_error, cross_entropy, cross_entropy_lambda, kullback_leibler. Did you mean 'ndcg'?")]
    [InlineData("monotone_constraints", "1,2", "option 'params': 'monotone_constraints' must be a list of -1, 0 and 1 (decreasing, none, increasing); entry 2 of 2 is not (2).")]
    [InlineData("output_model", "m.txt", "option 'params': 'output_model' is read only by LightGBM's command-line program; the C API that lightgbm.train uses ignores it. The model is the stage's 'model' output.")]
    [InlineData("early_stopping_rounds", "50", "option 'params': 'early_stopping_rounds' (LightGBM's 'early_stopping_round') is not used: lightgbm.train runs its own boosting loop. Set the stage option 'early_stopping_rounds' (with 'valid') instead.")]
    [InlineData("num_leaves", "", "option 'params': 'num_leaves' has an empty value. Give it a value or remove it.")]
    public void A_bad_value_is_named_with_LightGBMs_rule(string name, string value, string expected)
    {
        var parsed = value.Length > 0 && (char.IsDigit(value[0]) || value[0] == '-') && !value.Contains(',', StringComparison.Ordinal) && double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? (object)number
            : value;
        var problems = Problems(new Dictionary<string, object> { [name] = parsed });

        problems.ShouldBe([expected]);
    }

    [Theory]
    [InlineData("objective: multiclass", "option 'params': objective 'multiclass' needs num_class > 1 (LightGBM's check).")]
    [InlineData("num_class: 3", "option 'params': num_class must be 1 for objective 'regression', not 3 (LightGBM's check): only multiclass and multiclassova take classes.")]
    [InlineData("boosting: rf", "option 'params': boosting 'rf' (random forest) needs bagging (bagging_freq > 0 and bagging_fraction < 1) or feature_fraction < 1 (LightGBM's check).")]
    [InlineData("objective: lambdarank", "option 'params': objective 'lambdarank' ranks rows within query groups, which lightgbm.train does not give LightGBM. Use a regression objective (regression, huber, cross_entropy, ...).")]
    [InlineData("device_type: gpu", "option 'params': device_type 'gpu' needs LightGBM built for GPUs; the library lightgbm.train ships (the LightGBM NuGet package) runs on the CPU only. Use device_type: cpu.")]
    [InlineData("linear_tree: true, zero_as_missing: true", "option 'params': linear_tree needs zero_as_missing = false (LightGBM's check).")]
    [InlineData("data_sample_strategy: goss, top_rate: 0.7, other_rate: 0.5", "option 'params': goss needs top_rate + other_rate <= 1, not 1.2 (LightGBM's check).")]
    public void Parameters_that_contradict_each_other_are_named(string yaml, string expected)
    {
        var parameters = yaml.Split(", ").Select(p => p.Split(": ")).ToDictionary(p => p[0], p => (object)(double.TryParse(p[1], System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : p[1] == "true" ? true : p[1]));

        Problems(parameters).ShouldBe([expected]);
    }

    [Fact]
    public void Early_stopping_without_validation_data_is_an_error_and_empty_names_are_errors()
    {
        Problems(new { }, o => o.EarlyStoppingRounds = 50).ShouldBe(["option 'early_stopping_rounds' is 50 but 'valid' is not set: early stopping watches the validation metric. Set 'valid' to a validation parquet, or early_stopping_rounds to 0."]);
        Problems(new { }, o => (o.Target, o.FeatureSet) = (" ", "")).ShouldBe(
        [
            "option 'target' is empty. Name the target column, e.g. 'target'.",
            "option 'feature_set' is empty. Name a feature set of features.json, e.g. 'small'.",
        ]);
    }

    public static TheoryData<string> Canaries() => ["CaNaRy-Zq8xW-MiXeD", "CaNaRy=Zq8xW", "CaNaRy Zq8xW", "7741234567"];

    [Theory]
    [MemberData(nameof(Canaries))]
    public void No_problem_shows_a_value_that_may_be_a_secret_whatever_the_parameter(string canary)
    {
        foreach (var name in ParameterTable.All.Keys)
        {
            foreach (var problem in Problems(new Dictionary<string, object> { [name] = canary }))
            {
                // A plain number is shown (it is what a range error is about); the canary number only as a number.
                if (canary.All(char.IsDigit))
                {
                    problem.ShouldNotContain("'" + canary, Case.Insensitive, name);
                    continue;
                }

                problem.ShouldNotContain("Zq8xW", Case.Insensitive, name);
            }
        }
    }
}
