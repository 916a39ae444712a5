using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace NumeraiPipeline.CloudTrigger;

/// <summary>
/// One JSON object per line in the shape Cloud Logging reads from a container's output: <c>severity</c>,
/// <c>message</c>, <c>time</c>, plus the logger's category and the exception's type and message, if any.
/// </summary>
internal sealed class CloudLoggingFormatter() : ConsoleFormatter(FormatterName)
{
    /// <summary>The formatter's name.</summary>
    public const string FormatterName = "cloud-logging";

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("severity", Severity(logEntry.LogLevel));
            json.WriteString("message", message);
            json.WriteString("time", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("logger", logEntry.Category);
            if (logEntry.Exception is { } ex)
            {
                json.WriteString("error", $"{ex.GetType().Name}: {ex.Message}");
            }

            json.WriteEndObject();
        }

        textWriter.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Cloud Logging's severity names.</summary>
    public static string Severity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => "DEFAULT",
    };
}
