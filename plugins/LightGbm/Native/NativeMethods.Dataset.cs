using System.Runtime.InteropServices;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>Dataset entry points for pushing rows in column strips.</summary>
internal static unsafe partial class NativeMethods
{
    /// <summary>1: the Dataset finishes loading only on <see cref="LGBM_DatasetMarkFinished"/>, not when the last row arrives.</summary>
    [LibraryImport(Library)]
    internal static partial int LGBM_DatasetSetWaitForManualFinish(SafeDatasetHandle dataset, int wait);

    /// <summary>Finishes loading (LightGBM's <c>Dataset::FinishLoad</c>).</summary>
    [LibraryImport(Library)]
    internal static partial int LGBM_DatasetMarkFinished(SafeDatasetHandle dataset);
}
