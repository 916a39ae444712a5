namespace NumeraiPipeline.LightGbm.Bench;

/// <summary>Peak and current resident set size of this process (Linux /proc/self/status).</summary>
internal static class Rss
{
    public static double PeakMiB() => Read("VmHWM:");

    public static double CurrentMiB() => Read("VmRSS:");

    private static double Read(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return double.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024;
            }
        }

        return double.NaN;
    }
}
