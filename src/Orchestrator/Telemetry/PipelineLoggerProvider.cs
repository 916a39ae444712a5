using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Telemetry;

/// <summary>
/// Logs to standard error, as human lines or as JSON lines in the structured format Cloud Logging ingests
/// (severity, message, time, logging.googleapis.com/trace and spanId). Every line is redacted of secrets.
/// </summary>
internal sealed class PipelineLoggerProvider(TextWriter writer, LogFormat format, LogLevel minimum, ISecretStore secrets, string? cloudProject = null) : ILoggerProvider
{
    private readonly object gate = new();

    public LogLevel Minimum => minimum;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string category, string message, Exception? exception, IReadOnlyList<KeyValuePair<string, object?>>? state)
    {
        message = secrets.Redact(message);
        var line = format == LogFormat.Json ? Json(level, category, message, exception, state) : Human(level, message, exception);
        lock (gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private string Human(LogLevel level, string message, Exception? exception)
    {
        var tag = level switch
        {
            LogLevel.Warning => "warn: ",
            LogLevel.Error or LogLevel.Critical => "fail: ",
            LogLevel.Debug or LogLevel.Trace => "dbug: ",
            _ => "",
        };
        var stage = StageOf(Activity.Current);
        var prefix = stage is null ? "" : $"[{stage}] ";
        var text = $"{prefix}{tag}{message}";
        if (exception is not null && minimum <= LogLevel.Debug)
        {
            text += Environment.NewLine + secrets.Redact(exception.ToString());
        }

        return text;
    }

    private string Json(LogLevel level, string category, string message, Exception? exception, IReadOnlyList<KeyValuePair<string, object?>>? state)
    {
        var activity = Activity.Current;
        var record = new Dictionary<string, object?>
        {
            ["severity"] = level switch
            {
                LogLevel.Trace or LogLevel.Debug => "DEBUG",
                LogLevel.Information => "INFO",
                LogLevel.Warning => "WARNING",
                LogLevel.Error => "ERROR",
                LogLevel.Critical => "CRITICAL",
                _ => "DEFAULT",
            },
            ["message"] = message,
            ["time"] = DateTimeOffset.UtcNow.ToString("O"),
            ["logger"] = category,
        };
        if (activity is not null)
        {
            var project = cloudProject;
            record["logging.googleapis.com/trace"] = project is { Length: > 0 } ? $"projects/{project}/traces/{activity.TraceId}" : activity.TraceId.ToString();
            record["logging.googleapis.com/spanId"] = activity.SpanId.ToString();
            record["logging.googleapis.com/trace_sampled"] = activity.Recorded;
            if (StageOf(activity) is { } stage)
            {
                record["stage"] = stage;
            }

            if (activity.GetTagItem(PipelineTelemetry.PipelineName) is string pipeline)
            {
                record["pipeline"] = pipeline;
            }
        }

        if (state is not null)
        {
            // Cloud Logging's labels are a map of strings under one key.
            var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in state.Where(kv => kv.Key != "{OriginalFormat}"))
            {
                labels[k] = secrets.Redact(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }

            if (labels.Count > 0)
            {
                record["logging.googleapis.com/labels"] = labels;
            }
        }

        if (exception is not null)
        {
            record["exception"] = secrets.Redact(exception.GetType().Name + ": " + exception.Message);
        }

        return JsonSerializer.Serialize(record);
    }

    private static string? StageOf(Activity? activity)
    {
        for (var a = activity; a is not null; a = a.Parent)
        {
            if (a.GetTagItem(PipelineTelemetry.StageId) is string id)
            {
                return id;
            }
        }

        return null;
    }

    private sealed class Logger(PipelineLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.Minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(logLevel, category, formatter(state, exception), exception, state as IReadOnlyList<KeyValuePair<string, object?>>);
            }
        }
    }
}
