namespace NumeraiPipeline.Plugins.Numerai.Metrics;

/// <summary>The NP62xx codes of numerai.metrics, numerai.report and numerai.gate (see plugins/Numerai.Metrics/README.md).</summary>
internal static class MetricsErrors
{
    /// <summary>An input file cannot be read (format, empty, bad number).</summary>
    public const string InputUnreadable = "NP6201";

    /// <summary>An input file lacks a needed column.</summary>
    public const string MissingColumn = "NP6202";

    /// <summary>No era could be scored (predictions do not match the data's ids, or no labelled rows).</summary>
    public const string NothingScored = "NP6203";

    /// <summary>A feature value is outside 0..127.</summary>
    public const string BadFeatureValue = "NP6205";

    /// <summary>Options contradict each other.</summary>
    public const string BadOptions = "NP6206";

    /// <summary>metrics.json cannot be read (report, gate).</summary>
    public const string MetricsUnreadable = "NP6210";

    /// <summary>performance.json cannot be read (report, gate).</summary>
    public const string PerformanceUnreadable = "NP6212";

    /// <summary>The report could not be rendered.</summary>
    public const string ReportFailed = "NP6211";

    /// <summary>The quality gate declined: a threshold failed.</summary>
    public const string GateDeclined = "NP6220";
}
