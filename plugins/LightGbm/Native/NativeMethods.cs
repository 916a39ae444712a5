using System.Runtime.InteropServices;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>
/// P/Invoke declarations of the LightGBM C API (include/LightGBM/c_api.h, 4.6) that the plugin uses. The library
/// comes from the LightGBM NuGet package (runtimes/&lt;rid&gt;/native/lib_lightgbm.*). Every function returns 0 on
/// success and -1 on failure; the message is then in <see cref="LGBM_GetLastError"/>.
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string Library = "lib_lightgbm";

    internal const int DtypeFloat32 = 0;
    internal const int DtypeFloat64 = 1;
    internal const int DtypeInt32 = 2;
    internal const int PredictNormal = 0;

    [LibraryImport(Library)]
    internal static partial nint LGBM_GetLastError();

    /// <summary>
    /// Sends LightGBM's log lines (Info, Warning, Debug; not Fatal, which goes to stderr and the last error) to
    /// <paramref name="callback"/> instead of printf, for the calling thread only (the callback is thread_local in
    /// LightGBM's log.h); null restores printf. Each line arrives in three calls: "[LightGBM] [Info] ", the text, "\n".
    /// </summary>
    [LibraryImport(Library)]
    internal static partial int LGBM_RegisterLogCallback(delegate* unmanaged[Cdecl]<byte*, void> callback);

    [LibraryImport(Library)]
    internal static partial int LGBM_DumpParamAliases(long bufferLen, out long outLen, byte* outStr);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_SampleIndices(int numTotalRow, string parameters, int* outIndices, out int outLen);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_GetSampleCount(int numTotalRow, string parameters, out int outCount);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_DatasetCreateFromSampledColumn(
        double** sampleData,
        int** sampleIndices,
        int ncol,
        int* numPerCol,
        int numSampleRow,
        int numLocalRow,
        long numDistRow,
        string parameters,
        out nint dataset);

    [LibraryImport(Library)]
    internal static partial int LGBM_DatasetPushRowsByCSR(
        SafeDatasetHandle dataset, void* indptr, int indptrType, int* indices, void* data, int dataType, long nindptr, long nelem, long numCol, long startRow);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_DatasetCreateFromMat(
        void* data, int dataType, int nrow, int ncol, int isRowMajor, string parameters, nint reference, out nint dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_DatasetCreateByReference(SafeDatasetHandle reference, long numTotalRow, out nint dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_DatasetSetField(SafeDatasetHandle dataset, string fieldName, void* fieldData, int numElement, int type);

    [LibraryImport(Library)]
    internal static partial int LGBM_DatasetSetFeatureNames(SafeDatasetHandle dataset, nint* featureNames, int numFeatureNames);

    [LibraryImport(Library)]
    internal static partial int LGBM_DatasetGetNumData(SafeDatasetHandle dataset, out int numData);

    [LibraryImport(Library)]
    internal static partial int LGBM_DatasetFree(nint dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_BoosterCreate(SafeDatasetHandle trainData, string parameters, out nint booster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_BoosterCreateFromModelfile(string fileName, out int numIterations, out nint booster);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterFree(nint booster);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterAddValidData(SafeBoosterHandle booster, SafeDatasetHandle validData);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterUpdateOneIter(SafeBoosterHandle booster, out int producedEmptyTree);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterGetCurrentIteration(SafeBoosterHandle booster, out int iteration);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterGetEvalCounts(SafeBoosterHandle booster, out int count);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterGetEvalNames(
        SafeBoosterHandle booster, int len, out int outLen, nuint bufferLen, out nuint outBufferLen, nint* outStrs);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterGetEval(SafeBoosterHandle booster, int dataIdx, out int outLen, double* results);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterGetNumFeature(SafeBoosterHandle booster, out int numFeatures);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterGetFeatureNames(
        SafeBoosterHandle booster, int len, out int outLen, nuint bufferLen, out nuint outBufferLen, nint* outStrs);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_BoosterSaveModel(
        SafeBoosterHandle booster, int startIteration, int numIteration, int featureImportanceType, string fileName);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_BoosterPredictForMat(
        SafeBoosterHandle booster,
        void* data,
        int dataType,
        int nrow,
        int ncol,
        int isRowMajor,
        int predictType,
        int startIteration,
        int numIteration,
        string parameter,
        out long outLen,
        double* outResult);
}
