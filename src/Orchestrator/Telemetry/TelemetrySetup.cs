using System.Diagnostics;
using NumeraiPipeline.Sdk;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NumeraiPipeline.Orchestrator.Telemetry;

/// <summary>
/// Sets up tracing and metrics: a redacting listener always (no secret survives in a span's tags), the console exporter
/// with <c>--trace console</c>, OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
internal sealed class TelemetrySetup : IDisposable
{
    private readonly ActivityListener redactor;
    private readonly TracerProvider? tracer;
    private readonly MeterProvider? meter;

    public TelemetrySetup(string? trace, ISecretStore secrets, Func<string, string?> environment)
    {
        redactor = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("NumeraiPipeline", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => Redact(a, secrets),
        };
        ActivitySource.AddActivityListener(redactor);

        var console = string.Equals(trace, "console", StringComparison.OrdinalIgnoreCase);
        var otlp = string.Equals(trace, "otlp", StringComparison.OrdinalIgnoreCase)
            || (!string.Equals(trace, "none", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(environment("OTEL_EXPORTER_OTLP_ENDPOINT")));
        if (!console && !otlp)
        {
            return;
        }

        var resource = ResourceBuilder.CreateDefault().AddService("numerai-pipeline", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString());
        var tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource("NumeraiPipeline*");
        var metrics = OpenTelemetry.Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(PipelineTelemetry.SourceName);
        if (console)
        {
            tracing.AddConsoleExporter(o => o.Targets = OpenTelemetry.Exporter.ConsoleExporterOutputTargets.Console);
        }

        if (otlp)
        {
            tracing.AddOtlpExporter();
            metrics.AddOtlpExporter();
        }

        tracer = tracing.Build();
        meter = otlp ? metrics.Build() : null;
    }

    public void Dispose()
    {
        tracer?.ForceFlush(5000);
        tracer?.Dispose();
        meter?.Dispose();
        redactor.Dispose();
    }

    private static void Redact(Activity activity, ISecretStore secrets)
    {
        foreach (var (key, value) in activity.TagObjects.ToList())
        {
            if (value is string s && secrets.Redact(s) is var r && r != s)
            {
                activity.SetTag(key, r);
            }
        }

        if (activity.StatusDescription is { } d && secrets.Redact(d) is var rd && rd != d)
        {
            activity.SetStatus(activity.Status, rd);
        }
    }
}
