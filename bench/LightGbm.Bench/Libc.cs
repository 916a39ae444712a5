using System.Runtime.InteropServices;

namespace NumeraiPipeline.LightGbm.Bench;

/// <summary>glibc's malloc_trim: returns freed heap memory to the OS, so RSS shows what is really in use.</summary>
internal static partial class Libc
{
    [LibraryImport("libc")]
    internal static partial int malloc_trim(nuint pad);
}
