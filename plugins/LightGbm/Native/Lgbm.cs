using System.Runtime.InteropServices;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>Checks the return codes of LightGBM calls.</summary>
internal static class Lgbm
{
    /// <summary>The LightGBM version of the native library this plugin ships (the LightGBM NuGet package).</summary>
    public const string Version = "4.6.0";

    public static void Check(int rc, string function)
    {
        if (rc != 0)
        {
            throw new LightGbmException(function, LastError());
        }
    }

    public static string LastError() => Marshal.PtrToStringUTF8(NativeMethods.LGBM_GetLastError()) ?? "unknown error";
}
