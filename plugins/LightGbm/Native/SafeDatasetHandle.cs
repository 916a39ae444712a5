using Microsoft.Win32.SafeHandles;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>Owns a LightGBM Dataset handle and frees it with LGBM_DatasetFree.</summary>
internal sealed class SafeDatasetHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeDatasetHandle()
        : base(ownsHandle: true)
    {
    }

    internal SafeDatasetHandle(nint handle)
        : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle() => NativeMethods.LGBM_DatasetFree(handle) == 0;
}
