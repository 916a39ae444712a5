namespace NumeraiPipeline.Orchestrator.Telemetry;

internal enum LogFormat
{
    Human,
    Json,
}
