using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NumeraiPipeline.Orchestrator.Telemetry;

/// <summary>The host's one ActivitySource and Meter, and every span, attribute and metric name.</summary>
internal static class PipelineTelemetry
{
    public const string SourceName = "NumeraiPipeline.Orchestrator";
    public const string PipelineRunSpan = "pipeline.run";
    public const string StageSpanPrefix = "stage ";

    public const string PipelineName = "pipeline.name";
    public const string RunId = "pipeline.run_id";
    public const string PipelineOutcome = "pipeline.outcome";
    public const string StageId = "stage.id";
    public const string StageType = "stage.type";
    public const string StagePluginVersion = "stage.plugin.version";
    public const string StagePlugin = "stage.plugin";
    public const string StageOutcome = "stage.outcome";
    public const string StageReason = "stage.reason";
    public const string StageFingerprint = "stage.fingerprint";
    public const string ErrorCode = "error.code";

    private static readonly string Version = typeof(PipelineTelemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public static readonly ActivitySource Source = new(SourceName, Version);
    public static readonly Meter Meter = new(SourceName, Version);
    public static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>("numerai_pipeline.stage.duration", "s", "Duration of a stage run");
    public static readonly Counter<long> StageRuns = Meter.CreateCounter<long>("numerai_pipeline.stage.runs", "{stage}", "Stages finished, by outcome");

    /// <summary>The outcome as the span attribute writes it.</summary>
    public static string OutcomeName(Sdk.StageOutcome outcome) => outcome switch
    {
        Sdk.StageOutcome.UpToDate => "up-to-date",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
