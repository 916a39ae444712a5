using System.Runtime.InteropServices;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>
/// Returns memory that the C heap keeps after a free (glibc does not give small and medium blocks back to the OS on
/// its own) so the bin sample handed to LightGBM does not stay resident while the Dataset fills up.
/// A no-op where glibc's <c>malloc_trim</c> is not available (Windows, macOS, musl).
/// </summary>
internal static partial class NativeHeap
{
    private static bool unavailable = !OperatingSystem.IsLinux();

    /// <summary>A compacting full collection, then <see cref="Trim"/>: what a finished stage leaves goes back to the OS.</summary>
    public static void ReturnFreedMemory()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Trim();
    }

    public static void Trim()
    {
        if (unavailable)
        {
            return;
        }

        try
        {
            _ = malloc_trim(0);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            unavailable = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int malloc_trim(nuint pad);
}
