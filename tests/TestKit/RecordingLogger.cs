using Microsoft.Extensions.Logging;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestKit;

/// <summary>A logger that keeps every formatted line (redacted), for assertions.</summary>
public sealed class RecordingLogger(List<string> lines, ISecretStore secrets) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = secrets.Redact($"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}");
        lock (lines)
        {
            lines.Add(line);
        }
    }
}
