using System.Globalization;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>
/// The process's memory at a point of a stage, for the debug log (<c>--verbose</c>): resident set and its peak
/// (Linux <c>/proc/self/status</c>: VmRSS, VmHWM) beside the managed heap (<see cref="GC.GetGCMemoryInfo()"/>), so a
/// peak can be told apart into managed buffers and native memory (LightGBM's Dataset, the parquet reader's pools).
/// </summary>
internal static class ProcessMemory
{
    public static string Describe()
    {
        var info = GC.GetGCMemoryInfo();
        var (rss, peak) = Resident();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"RSS {Mib(rss)} MiB (peak {Mib(peak)} MiB), GC heap {Mib(info.HeapSizeBytes)} MiB (committed {Mib(info.TotalCommittedBytes)} MiB, {GC.CollectionCount(2)} gen2 collections), native and runtime {Mib(rss is { } r ? r - info.TotalCommittedBytes : null)} MiB");
    }

    /// <summary>VmRSS and VmHWM in bytes (null where /proc is not available).</summary>
    public static (long? Rss, long? Peak) Resident()
    {
        long? rss = null, peak = null;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kb(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kb(line);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return (rss, peak);
    }

    private static long? Kb(string line) =>
        long.TryParse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;

    private static string Mib(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("F0", CultureInfo.InvariantCulture) : "-";
}
