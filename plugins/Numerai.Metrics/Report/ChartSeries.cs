namespace NumeraiPipeline.Plugins.Numerai.Metrics.Report;

/// <summary>A named per-era series for a chart (values in era order; NaN where not scored).</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Values">One value per era of the chart's era axis.</param>
internal sealed record ChartSeries(string Name, double[] Values);
