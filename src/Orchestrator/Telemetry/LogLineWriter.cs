using System.Text;
using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.Orchestrator.Telemetry;

/// <summary>
/// A console writer that turns each line into a log record, so with <c>--log-format json</c> text printed to the
/// console by a plugin or an exporter still reaches standard error as one JSON object per line.
/// </summary>
internal sealed class LogLineWriter(ILogger logger) : TextWriter
{
    private readonly StringBuilder pending = new();
    private readonly object gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (gate)
        {
            if (value == '\n')
            {
                Emit();
            }
            else if (value != '\r')
            {
                pending.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "")
        {
            Write(c);
        }
    }

    public override void Flush()
    {
        lock (gate)
        {
            if (pending.Length > 0)
            {
                Emit();
            }
        }
    }

    private void Emit()
    {
        var line = pending.ToString();
        pending.Clear();
        logger.LogInformation("{Line}", line);
    }
}
