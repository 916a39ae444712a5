using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NumeraiPipeline.CloudTrigger.Tests;

public sealed class CloudLoggingFormatterTests
{
    [Theory]
    [InlineData(LogLevel.Information, "INFO")]
    [InlineData(LogLevel.Warning, "WARNING")]
    [InlineData(LogLevel.Error, "ERROR")]
    [InlineData(LogLevel.Debug, "DEBUG")]
    public void Writes_one_json_line_with_severity_and_message(LogLevel level, string severity)
    {
        var output = new StringWriter();
        var entry = new LogEntry<string>(level, "NumeraiPipeline.CloudTrigger", default, "state", new InvalidOperationException("boom"), (s, e) => $"Started job for \"round\" {s}");

        new CloudLoggingFormatter().Write(entry, null, output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1);
        using var json = JsonDocument.Parse(lines[0]);
        json.RootElement.GetProperty("severity").GetString().ShouldBe(severity);
        json.RootElement.GetProperty("message").GetString().ShouldBe("Started job for \"round\" state");
        json.RootElement.GetProperty("logger").GetString().ShouldBe("NumeraiPipeline.CloudTrigger");
        json.RootElement.GetProperty("error").GetString().ShouldBe("InvalidOperationException: boom");
        DateTimeOffset.Parse(json.RootElement.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
    }
}
