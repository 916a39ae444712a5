using Microsoft.Extensions.Logging;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>Turns progress reports into log lines, at most one every two seconds per stage (plus the last one), with rates.</summary>
internal sealed class HostProgress(ILogger logger, TimeProvider time) : IProgress<StageProgress>
{
    private readonly object gate = new();
    private long lastTicks = long.MinValue;
    private double lastCurrent;

    public void Report(StageProgress value)
    {
        var now = time.GetTimestamp();
        lock (gate)
        {
            var done = value.Total is { } t && value.Current >= t;
            var elapsed = lastTicks == long.MinValue ? 0 : time.GetElapsedTime(lastTicks, now).TotalSeconds;
            if (!done && lastTicks != long.MinValue && elapsed < 2)
            {
                return;
            }

            var rate = elapsed > 0 ? (value.Current - lastCurrent) / elapsed : 0;
            lastTicks = now;
            lastCurrent = value.Current;
            var percent = value.Total is { } total && total > 0 ? $" {100 * value.Current / total:0}%" : "";
            var amount = value.Unit == "bytes" ? $"{Bytes(value.Current)}{(value.Total is { } tb ? " of " + Bytes(tb) : "")}{(rate > 0 ? $", {Bytes(rate)}/s" : "")}" : $"{value.Current:0.##}{(value.Total is { } tt ? $"/{tt:0.##}" : "")} {value.Unit}";
            logger.LogInformation("{Message}{Percent} ({Amount})", value.Message, percent, amount);
        }
    }

    private static string Bytes(double b) => b switch
    {
        >= 1 << 30 => $"{b / (1 << 30):0.0} GiB",
        >= 1 << 20 => $"{b / (1 << 20):0.0} MiB",
        >= 1 << 10 => $"{b / (1 << 10):0.0} KiB",
        _ => $"{b:0} B",
    };
}
