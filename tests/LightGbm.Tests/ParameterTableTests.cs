using System.Globalization;
using NumeraiPipeline.Plugins.LightGbm.Parameters;
using NumeraiPipeline.Plugins.LightGbm.Training;

namespace NumeraiPipeline.LightGbm.Tests;

/// <summary>
/// The parameter table (generated from LightGBM's config.h) against the LightGBM library the plugin ships: the same
/// parameters, and every range check and enum value accepted or rejected exactly as LightGBM does, so a plan-time
/// error is never a false alarm and a LightGBM upgrade that changes a rule fails here.
/// </summary>
public sealed class ParameterTableTests
{
    private readonly NativeProbe probe = new();

    [Fact]
    public void The_table_has_exactly_the_parameters_of_the_shipped_library()
    {
        var native = ParameterCatalog.CanonicalNames.Values.ToHashSet(StringComparer.Ordinal);

        ParameterTable.All.Keys.Order(StringComparer.Ordinal).ShouldBe(native.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> CheckedParameters() =>
        [.. ParameterTable.All.Values.Where(r => r.Checks.Count > 0).Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(CheckedParameters))]
    public void Each_range_check_accepts_and_rejects_what_LightGBM_does(string name)
    {
        var rule = ParameterTable.Get(name)!;
        foreach (var check in rule.Checks)
        {
            var (inside, outside) = Around(rule, check);

            ParameterValueCheck.Problem(rule, $"'{name}'", inside).ShouldBeNull($"{name}={inside}");
            probe.ConfigError($"{name}={inside}").ShouldBeNull($"{name}={inside}");
            ParameterValueCheck.Problem(rule, $"'{name}'", outside).ShouldNotBeNull($"{name}={outside}");
            probe.ConfigError($"{name}={outside}").ShouldNotBeNull($"{name}={outside}");
        }
    }

    [Fact]
    public void Every_objective_the_table_accepts_trains_and_an_unknown_one_does_not()
    {
        var rule = ParameterTable.Get("objective")!;
        foreach (var name in rule.Values.SelectMany(v => v.Aliases.Prepend(v.Name)))
        {
            var canonical = rule.Value(name)!.Name;
            if (canonical is "lambdarank" or "rank_xendcg")
            {
                continue; // needs query groups: rejected at plan time by ParameterConflicts
            }

            var extra = canonical is "multiclass" or "multiclassova" ? " num_class=2" : string.Empty;
            var binary = canonical is "binary" or "multiclass" or "multiclassova" or "cross_entropy" or "cross_entropy_lambda";
            probe.BoosterError($"objective={name}{extra} verbosity=-1", out _, binary).ShouldBeNull($"objective={name}");
        }

        ParameterValueCheck.Problem(rule, "'objective'", "regresion").ShouldNotBeNull();
        probe.BoosterError("objective=regresion verbosity=-1", out _).ShouldNotBeNull();
    }

    [Fact]
    public void Every_metric_the_table_accepts_is_evaluated_while_LightGBM_silently_drops_an_unknown_one()
    {
        var rule = ParameterTable.Get("metric")!;
        foreach (var name in rule.Values.Where(v => v.Name != "None").SelectMany(v => v.Aliases.Prepend(v.Name)))
        {
            var canonical = rule.Value(name)!.Name;
            if (canonical is "ndcg" or "map")
            {
                continue; // needs query groups: rejected at plan time by ParameterConflicts
            }

            // Some metrics need labels in {0, 1} (classification), others labels > 0 (gamma, tweedie): the labels are data.
            var multiclass = canonical is "multi_logloss" or "multi_error" or "auc_mu";
            var classification = $"objective={(multiclass ? "multiclass num_class=2" : "binary")} metric={name} verbosity=-1";
            var regression = $"objective=regression metric={name} verbosity=-1";
            var error = probe.BoosterError(classification, out var metrics, binaryLabels: true);
            if (error is not null && !multiclass)
            {
                error = probe.BoosterError(regression, out metrics);
            }

            error.ShouldBeNull(name);
            metrics.ShouldBeGreaterThan(0, name);
        }

        // LightGBM creates no metric for a name it does not know, and says nothing: the reason the table checks it.
        probe.BoosterError("objective=binary metric=ncdg verbosity=-1", out var none, binaryLabels: true).ShouldBeNull();
        none.ShouldBe(0);
        ParameterValueCheck.Problem(rule, "'metric'", "ncdg")!.ShouldEndWith("Did you mean 'ndcg'?");
    }

    [Fact]
    public void Every_boosting_mode_and_sampling_strategy_the_table_accepts_trains()
    {
        foreach (var name in ParameterTable.Get("boosting")!.Values.SelectMany(v => v.Aliases.Prepend(v.Name)))
        {
            // random forest needs bagging, goss none (checked at plan time by ParameterConflicts)
            var sampling = name == "goss" ? string.Empty : " bagging_freq=1 bagging_fraction=0.5";
            probe.BoosterError($"boosting={name}{sampling} verbosity=-1", out _).ShouldBeNull(name);
        }

        foreach (var name in ParameterTable.Get("data_sample_strategy")!.Values.Select(v => v.Name))
        {
            probe.BoosterError($"data_sample_strategy={name} verbosity=-1", out _).ShouldBeNull(name);
        }

        probe.BoosterError("boosting=gbdtt verbosity=-1", out _).ShouldNotBeNull();
    }

    [Fact]
    public void Booleans_are_what_LightGBM_reads_as_booleans()
    {
        var rule = ParameterTable.Get("deterministic")!;
        foreach (var text in new[] { "true", "false", "TRUE", "False", "+", "-" })
        {
            ParameterValueCheck.Problem(rule, "'deterministic'", text).ShouldBeNull(text);
            probe.ConfigError($"deterministic={text}").ShouldBeNull(text);
        }

        foreach (var text in new[] { "1", "yes", "0" })
        {
            ParameterValueCheck.Problem(rule, "'deterministic'", text).ShouldNotBeNull(text);
            probe.ConfigError($"deterministic={text}").ShouldNotBeNull(text);
        }
    }

    [Fact]
    public void Integers_beyond_32_bits_are_rejected_even_where_LightGBM_would_silently_wrap_them_around()
    {
        var maxDepth = ParameterTable.Get("max_depth")!;

        // LightGBM's Atoi wraps 2147483648 around to -2147483648 (no depth limit) without a word.
        probe.ConfigError("max_depth=2147483648").ShouldBeNull();
        ParameterValueCheck.Problem(maxDepth, "'max_depth'", "2147483648").ShouldBe("'max_depth' = 2147483648 is beyond LightGBM's 32-bit integer range (-2147483648 to 2147483647).");
        ParameterValueCheck.Problem(maxDepth, "'max_depth'", "2147483647").ShouldBeNull();
        ParameterValueCheck.Problem(maxDepth, "'max_depth'", "-2147483648").ShouldBeNull();
        ParameterValueCheck.Problem(maxDepth, "'max_depth'", "5.5").ShouldBe("'max_depth' must be a whole number, not 5.5.");
        probe.ConfigError("max_depth=5.5").ShouldNotBeNull();
    }

    [Fact]
    public void The_conflicts_checked_at_plan_time_are_ones_LightGBM_rejects_when_it_creates_the_booster()
    {
        string[] conflicting =
        [
            "objective=multiclass",
            "num_class=3",
            "objective=multiclass num_class=3 metric=l2",
            "boosting=rf",
            "data_sample_strategy=goss top_rate=0.7 other_rate=0.5",
            "data_sample_strategy=goss bagging_freq=1 bagging_fraction=0.5",
            "linear_tree=true zero_as_missing=true",
            "device_type=gpu",
            "device_type=cuda",
            "objective=lambdarank",
            "objective=regression metric=ndcg",
            "objective=binary is_unbalance=true scale_pos_weight=2",
        ];
        foreach (var parameters in conflicting)
        {
            var values = Values(parameters);
            ParameterConflicts.Problems(values).ShouldNotBeEmpty(parameters);
            probe.BoosterError(parameters + " verbosity=-1", out _, binaryLabels: true).ShouldNotBeNull(parameters);
        }

        string[] fine = ["objective=multiclass num_class=3 metric=multi_logloss", "boosting=rf bagging_freq=1 bagging_fraction=0.7", "data_sample_strategy=goss", "linear_tree=true"];
        foreach (var parameters in fine)
        {
            ParameterConflicts.Problems(Values(parameters)).ShouldBeEmpty(parameters);
            probe.BoosterError(parameters + " verbosity=-1", out _, binaryLabels: true).ShouldBeNull(parameters);
        }
    }

    private static Dictionary<string, string> Values(string parameters) =>
        parameters.Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>A value just inside and one just outside a check (for integers the next whole number).</summary>
    private static (string Inside, string Outside) Around(ParameterRule rule, ParameterCheck check)
    {
        var step = rule.Type == ParameterType.Int ? 1 : 0.01;
        var b = check.Bound;
        var (inside, outside) = check.Operator switch
        {
            ">" => (b + step, b),
            ">=" => (b, b - step),
            "<" => (b - step, b),
            _ => (b, b + step),
        };
        return (Text(rule, inside), Text(rule, outside));
    }

    private static string Text(ParameterRule rule, double value) =>
        rule.Type == ParameterType.Int ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
}
