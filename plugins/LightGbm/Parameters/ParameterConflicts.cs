using System.Globalization;

namespace NumeraiPipeline.Plugins.LightGbm.Parameters;

/// <summary>
/// The checks LightGBM makes across parameters when it creates a booster, none of which needs data: Config's
/// CheckParamConflict (num_class against the objective and the metrics, linear trees), RF's and GOSS's Init (sampling),
/// plus what lightgbm.train cannot give LightGBM: query groups (ranking), custom gradients, a GPU build, other machines.
/// </summary>
internal static class ParameterConflicts
{
    private static readonly string[] MulticlassObjectives = ["multiclass", "multiclassova"];
    private static readonly string[] MulticlassMetrics = ["multi_logloss", "multi_error", "auc_mu"];
    private static readonly string[] RankingObjectives = ["lambdarank", "rank_xendcg"];
    private static readonly string[] RankingMetrics = ["ndcg", "map"];

    /// <summary>Every conflict in <paramref name="values"/> (canonical name → value, all of them already valid).</summary>
    public static IEnumerable<string> Problems(IReadOnlyDictionary<string, string> values)
    {
        var p = new Effective(values);
        var objective = p.Enum("objective");
        if (RankingObjectives.Contains(objective))
        {
            yield return $"objective '{objective}' ranks rows within query groups, which lightgbm.train does not give LightGBM. Use a regression objective (regression, huber, cross_entropy, ...).";
        }

        if (objective == "custom")
        {
            yield return "objective 'custom' (also none, null, na) leaves the gradients to the caller, which lightgbm.train does not compute. Use a built-in objective such as regression.";
        }

        var numClass = p.Int("num_class");
        var multiclass = MulticlassObjectives.Contains(objective);
        if (multiclass && numClass <= 1)
        {
            yield return $"objective '{objective}' needs num_class > 1 (LightGBM's check).";
        }
        else if (!multiclass && objective != "custom" && numClass != 1)
        {
            yield return $"num_class must be 1 for objective '{objective}', not {numClass.ToString(CultureInfo.InvariantCulture)} (LightGBM's check): only multiclass and multiclassova take classes.";
        }

        if (objective is "binary" or "multiclassova" && p.Bool("is_unbalance") && p.Double("scale_pos_weight") != 1)
        {
            yield return "is_unbalance and scale_pos_weight cannot both be set (LightGBM's check). Keep one of them.";
        }

        foreach (var metric in p.EnumList("metric"))
        {
            if (metric != "None" && multiclass != MulticlassMetrics.Contains(metric))
            {
                yield return $"metric '{metric}' does not fit objective '{objective}' (LightGBM's check): multiclass objectives take multi_logloss, multi_error or auc_mu, the others any other metric.";
            }

            if (RankingMetrics.Contains(metric))
            {
                yield return $"metric '{metric}' scores rankings within query groups, which lightgbm.train does not give LightGBM. Use l2, rmse, l1, huber, ... .";
            }
        }

        foreach (var problem in Sampling(p))
        {
            yield return problem;
        }

        if (p.Bool("linear_tree") && p.Bool("zero_as_missing"))
        {
            yield return "linear_tree needs zero_as_missing = false (LightGBM's check).";
        }

        var device = p.Enum("device_type");
        if (device != "cpu")
        {
            yield return $"device_type '{device}' needs LightGBM built for GPUs; the library lightgbm.train ships (the LightGBM NuGet package) runs on the CPU only. Use device_type: cpu.";
        }

        if (p.Int("num_machines") > 1)
        {
            yield return "num_machines > 1 asks for distributed training, which lightgbm.train does not set up. Use num_machines: 1.";
        }
    }

    private static IEnumerable<string> Sampling(Effective p)
    {
        var boosting = p.Enum("boosting");
        var strategy = boosting == "goss" ? "goss" : p.Enum("data_sample_strategy");
        var baggingFreq = p.Int("bagging_freq");
        var baggingFraction = p.Double("bagging_fraction");
        var featureFraction = p.Double("feature_fraction");
        if (boosting == "rf" && strategy == "bagging"
            && !((baggingFreq > 0 && baggingFraction is > 0 and < 1) || featureFraction is > 0 and < 1))
        {
            yield return "boosting 'rf' (random forest) needs bagging (bagging_freq > 0 and bagging_fraction < 1) or feature_fraction < 1 (LightGBM's check).";
        }

        if (strategy != "goss")
        {
            yield break;
        }

        var top = p.Double("top_rate");
        var other = p.Double("other_rate");
        if (top + other > 1)
        {
            yield return $"goss needs top_rate + other_rate <= 1, not {(top + other).ToString("0.####", CultureInfo.InvariantCulture)} (LightGBM's check).";
        }

        if (top <= 0 || other <= 0)
        {
            yield return "goss needs top_rate > 0 and other_rate > 0 (LightGBM's check).";
        }

        if (baggingFreq > 0 && baggingFraction != 1)
        {
            yield return "goss cannot be combined with bagging (bagging_freq > 0 with bagging_fraction < 1) (LightGBM's check). Use one of them.";
        }
    }

    /// <summary>The value LightGBM will use: the one given, else LightGBM's default from config.h.</summary>
    private sealed class Effective(IReadOnlyDictionary<string, string> values)
    {
        private string Text(string name) => values.TryGetValue(name, out var v) ? v : ParameterTable.Get(name)!.Default;

        public string Enum(string name) => ParameterTable.Get(name)!.Value(Text(name))?.Name ?? Text(name).ToLowerInvariant();

        public IEnumerable<string> EnumList(string name)
        {
            var text = Text(name);
            return text.Length == 0 ? [] : text.Split(',').Select(t => ParameterTable.Get(name)!.Value(t)?.Name ?? t);
        }

        public int Int(string name) => ParameterValueCheck.ReadInt(Text(name)) ?? 0;

        public double Double(string name) => ParameterValueCheck.ReadDouble(Text(name)) ?? 0;

        public bool Bool(string name) => ParameterValueCheck.ReadBool(Text(name)) ?? false;
    }
}
