namespace NumeraiPipeline.Data.Bench;

/// <summary>Peak resident set size of this process (Linux /proc), with a reset of the peak between phases.</summary>
internal static class ProcessMemory
{
    public static long? PeakRssBytes() => ReadStatus("VmHWM:");

    public static long? RssBytes() => ReadStatus("VmRSS:");

    /// <summary>Resets VmHWM to the current RSS (Linux 4.0+: write 5 to clear_refs). Returns false when unsupported.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long? ReadStatus(string key)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            if (line is null)
            {
                return null;
            }

            var kb = long.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            return kb * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
