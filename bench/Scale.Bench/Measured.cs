using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NumeraiPipeline.Scale.Bench;

/// <summary>One measurement: wall and CPU seconds of the measured part, peak RSS of the whole process, and a detail.</summary>
internal sealed record Measured(double Seconds, double CpuSeconds, double PeakMiB, string Detail = "")
{
    private const string Marker = "RESULT ";

    /// <summary>Times <paramref name="work"/> in this process and prints the result line the parent reads.</summary>
    public static void Report(Func<string> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var detail = work();
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(Marker + JsonSerializer.Serialize(new Measured(seconds, cpuSeconds, PeakRss.OfSelfMiB(), detail)));
    }

    public static Measured? Parse(string output)
    {
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        return line is null ? null : JsonSerializer.Deserialize<Measured>(line[Marker.Length..]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Seconds:F1} s ({CpuSeconds:F1} CPU-s), peak {PeakMiB:F0} MiB {Detail}");
}
