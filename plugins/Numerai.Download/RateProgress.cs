using System.Diagnostics;
using System.Globalization;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>Forwards download progress to the stage at most 4 times a second, with the rate in the message.</summary>
internal sealed class RateProgress(StageContext context, string file) : IProgress<(long Done, long? Total)>
{
    private readonly long started = Stopwatch.GetTimestamp();
    private long lastReport = long.MinValue;
    private long firstDone = -1;

    public void Report((long Done, long? Total) value)
    {
        if (firstDone < 0)
        {
            firstDone = value.Done;
        }

        var now = Stopwatch.GetTimestamp();
        var complete = value.Total is { } t && value.Done >= t;
        if (!complete && lastReport != long.MinValue && Stopwatch.GetElapsedTime(lastReport, now) < TimeSpan.FromMilliseconds(250))
        {
            return;
        }

        lastReport = now;
        var seconds = Math.Max(Stopwatch.GetElapsedTime(started, now).TotalSeconds, 1e-3);
        var rate = (value.Done - firstDone) / seconds;
        context.Progress.Report(new StageProgress(string.Create(CultureInfo.InvariantCulture, $"downloading {file} ({rate / 1e6:0.0} MB/s)"), value.Done, value.Total, "bytes"));
    }
}
