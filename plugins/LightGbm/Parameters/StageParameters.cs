namespace NumeraiPipeline.Plugins.LightGbm.Parameters;

/// <summary>
/// LightGBM parameters that do nothing in lightgbm.train: documented by LightGBM as command-line only (the C API
/// ignores them), or handled by the stage's own training loop. Each has the stage's way of doing the same.
/// </summary>
internal static class StageParameters
{
    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["data"] = "Set the stage option 'data' instead.",
        ["valid"] = "Set the stage option 'valid' instead.",
        ["input_model"] = "lightgbm.train always trains a new model.",
        ["output_model"] = "The model is the stage's 'model' output.",
        ["task"] = "lightgbm.train trains; lightgbm.predict predicts.",
        ["save_binary"] = "Remove it.",
        ["config"] = "Put the parameters in 'params' instead.",
    };

    /// <summary>
    /// The problem with setting <paramref name="rule"/> to <paramref name="text"/> in params, or null: a forced splits
    /// or bins file that does not exist, a CLI-only parameter, or early_stopping_round, which only LightGBM's own
    /// training loops read (CLI, Python's lgb.train): lightgbm.train boosts iteration by iteration itself.
    /// </summary>
    public static string? Problem(ParameterRule rule, string label, string text)
    {
        if (rule.Name is "forcedsplits_filename" or "forcedbins_filename" && !File.Exists(text))
        {
            // LightGBM only warns and trains without them. The path is not quoted: it may be built from a secret.
            return $"{label} names a file that does not exist (a relative path is relative to the current folder).";
        }

        if (rule.Name == "early_stopping_round")
        {
            return $"{label} is not used: lightgbm.train runs its own boosting loop. Set the stage option 'early_stopping_rounds' (with 'valid') instead.";
        }

        return rule.CliOnly
            ? $"{label} is read only by LightGBM's command-line program; the C API that lightgbm.train uses ignores it. {Hints.GetValueOrDefault(rule.Name, "Remove it.")}"
            : null;
    }
}
