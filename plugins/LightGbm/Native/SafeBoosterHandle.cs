using Microsoft.Win32.SafeHandles;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>Owns a LightGBM Booster handle and frees it with LGBM_BoosterFree.</summary>
internal sealed class SafeBoosterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeBoosterHandle()
        : base(ownsHandle: true)
    {
    }

    internal SafeBoosterHandle(nint handle)
        : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle() => NativeMethods.LGBM_BoosterFree(handle) == 0;
}
