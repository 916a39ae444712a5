using System.Globalization;

namespace NumeraiPipeline.Scale.Bench;

/// <summary>Peak resident set size (VmHWM) of a Linux process.</summary>
internal static class PeakRss
{
    public static double OfSelfMiB() => Read("/proc/self/status") ?? 0;

    /// <summary>VmHWM of another process while it runs (null once it is gone).</summary>
    public static double? OfMiB(int pid) => Read($"/proc/{pid}/status");

    private static double? Read(string path)
    {
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
