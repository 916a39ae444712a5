using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics;

/// <summary>
/// The NP620x/NP621x/NP622x codes of numerai.metrics, numerai.report and numerai.gate; numerai.neutralize raises
/// NP6201, NP6202 and NP6206 for its files and options too (its own codes are <see cref="Neutralize.NeutralizeErrors"/>).
/// docs/errors.md is generated from this catalogue.
/// </summary>
[ErrorCatalogue("numerai.metrics, numerai.report, numerai.gate (and numerai.neutralize's inputs)")]
internal static class MetricsErrors
{
    /// <summary>An input file cannot be read: {0} the option naming it, {1} the file, {2} what is wrong.</summary>
    public static readonly ErrorCode InputUnreadable = new(
        "NP6201",
        "Input file unreadable",
        "{0} file '{1}' {2}. Check the stage's '{0}' option, the stage that produces the file, and the file itself.",
        "Check the path, the producing stage and the file (CSV: a header row, the same number of cells on every line, numbers).");

    /// <summary>An input file lacks a needed column: {0} the option naming it, {1} the file, {2} the columns, {3} how to fix it.</summary>
    public static readonly ErrorCode MissingColumn = new(
        "NP6202",
        "Missing column",
        "{0} file '{1}' lacks {2}. {3}",
        "Check target, feature_set and the column options (all missing columns are listed).");

    /// <summary>No era could be scored: {0} the data file, {1} why, {2} the target column.</summary>
    public static readonly ErrorCode NothingScored = new(
        "NP6203",
        "Nothing to score",
        "nothing could be scored against the data file '{0}': {1}. Score predictions made for the rows of '{0}' (e.g. validation predictions against validation.parquet) with its target column '{2}' filled.",
        "Score predictions made for the same data, with its target filled.");

    /// <summary>A feature value is missing or outside 0..127: {0} the option, {1} the file, {2} the feature, {3} the value, {4} where.</summary>
    public static readonly ErrorCode BadFeatureValue = new(
        "NP6205",
        "Feature value missing or too large",
        "{0} file '{1}': feature '{2}' is {3} in {4}. FNC and feature exposure need every feature value as an integer 0..127 (Numerai's 0..4): fill missing features (Numerai uses 2) or drop the features option.",
        "Fill missing features (Numerai uses 2) or drop 'features'.");

    /// <summary>Options are missing or contradict each other (or the files they name): {0} the stage type, {1} the option, {2} what is wrong and how to fix it.</summary>
    public static readonly ErrorCode BadOptions = new(
        "NP6206",
        "Options contradict",
        "{0}: option '{1}' {2}.",
        "Set the option the message names.",
        ExitClass.InvalidInput);

    /// <summary>metrics.json cannot be read (report, gate): {0} the file, {1} what is wrong.</summary>
    public static readonly ErrorCode MetricsUnreadable = new(
        "NP6210",
        "metrics.json unreadable",
        "metrics file '{0}' {1}. Point metrics at the 'metrics' output of a numerai.metrics stage.",
        "Point 'metrics' at a numerai.metrics output.");

    /// <summary>The report's charts could not be drawn (SkiaSharp's native library did not load).</summary>
    public static readonly ErrorCode ReportFailed = new(
        "NP6211",
        "Charts cannot be drawn",
        "the charts cannot be drawn: SkiaSharp's native library did not load ({0}). Install the libSkiaSharp native assets for this platform (the plugin folder's runtimes/ directory) or run on linux-x64/win-x64/osx.",
        "Install the plugin's runtimes/ native assets.");

    /// <summary>performance.json cannot be read (report, gate).</summary>
    public static readonly ErrorCode PerformanceUnreadable = new(
        "NP6212",
        "performance.json unreadable",
        "performance file '{0}' cannot be read ({1}). Point performance at the 'performance' output of a numerai.performance stage.",
        "Point 'performance' at a numerai.performance output.");

    /// <summary>cv_metrics.json (lightgbm.cv) cannot be read (report).</summary>
    public static readonly ErrorCode CvUnreadable = new(
        "NP6213",
        "cv_metrics.json unreadable",
        "cross-validation metrics file '{0}' cannot be read ({1}). Point cv at the 'metrics' output of a lightgbm.cv stage.",
        "Point 'cv' at the 'metrics' output of a lightgbm.cv stage.");

    /// <summary>The quality gate declined: {0} failed checks of {1}, {2} each with its value and threshold.</summary>
    public static readonly ErrorCode GateDeclined = new(
        "NP6220",
        "Quality gate declined",
        "quality gate failed {0} of {1} checks: {2}",
        "Improve the model or the thresholds (a decline, not an error: the run succeeds and the gated stages are skipped).",
        ExitClass.Declined);
}
