using System.Runtime.InteropServices;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>LightGBM's binary Dataset file: a binned Dataset saved once and loaded by later trainings.</summary>
internal static unsafe partial class NativeMethods
{
    /// <summary>Saves the binned Dataset (bin mappers, bins, metadata) to a file LightGBM can load without the raw data.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_DatasetSaveBinary(SafeDatasetHandle dataset, string filename);

    /// <summary>Loads a Dataset from a file; a binary Dataset file is recognised by its header and loaded as saved.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_DatasetCreateFromFile(string filename, string parameters, nint reference, out nint dataset);
}
