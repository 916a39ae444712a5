using System.Text;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>
/// The last line of defence on standard output and standard error: text is held until a line ends (or the writer is
/// flushed), then redacted of every secret and passed on, so a secret split over several writes is still caught.
/// </summary>
internal sealed class RedactingTextWriter(TextWriter inner, ISecretStore secrets) : TextWriter
{
    private readonly StringBuilder pending = new();
    private readonly object gate = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (gate)
        {
            pending.Append(value);
            if (value == '\n')
            {
                Drain();
            }
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (gate)
        {
            pending.Append(value);
            if (value.Contains('\n', StringComparison.Ordinal))
            {
                Drain();
            }
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write((value ?? "") + NewLine);

    public override void Flush()
    {
        lock (gate)
        {
            Drain(all: true);
            inner.Flush();
        }
    }

    public override Task FlushAsync()
    {
        Flush();
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void Drain(bool all = false)
    {
        if (pending.Length == 0)
        {
            return;
        }

        var text = pending.ToString();
        var cut = all ? text.Length - 1 : text.LastIndexOf('\n');
        var complete = cut < 0 ? text : text[..(cut + 1)];
        pending.Clear();
        if (cut >= 0 && cut + 1 < text.Length)
        {
            // Write() keeps a partial line for the next write; Flush() passes everything on.
            pending.Append(text, cut + 1, text.Length - cut - 1);
        }

        inner.Write(secrets.Redact(complete));
    }
}
