using NumeraiPipeline.Plugins.LightGbm.Native;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// Binned Datasets saved as LightGBM binary files (<c>LGBM_DatasetSaveBinary</c>), one per <see cref="DatasetKey"/>,
/// loaded with <c>LGBM_DatasetCreateFromFile</c> instead of reading and binning the parquet features again. A file is
/// written under a temporary name and renamed, so a reader never sees half a file and two trainings that build the
/// same Dataset at once both leave a complete one.
/// </summary>
internal sealed class DatasetCache(string directory)
{
    public string Directory { get; } = directory;

    public string PathFor(string key) => Path.Combine(Directory, key + ".bin");

    /// <summary>The cached Dataset of <paramref name="key"/> with <paramref name="labels"/> set, or null (absent or unusable: it is then removed).</summary>
    public unsafe SafeDatasetHandle? TryLoad(string key, string parameters, ReadOnlySpan<float> labels)
    {
        var path = PathFor(key);
        if (!File.Exists(path))
        {
            return null;
        }

        SafeDatasetHandle? dataset = null;
        try
        {
            Lgbm.Check(NativeMethods.LGBM_DatasetCreateFromFile(path, parameters, 0, out var raw), "LGBM_DatasetCreateFromFile");
            dataset = new SafeDatasetHandle(raw);
            Lgbm.Check(NativeMethods.LGBM_DatasetGetNumData(dataset, out var rows), "LGBM_DatasetGetNumData");
            if (rows != labels.Length)
            {
                throw new InvalidDataException($"the cached Dataset has {rows} rows, not {labels.Length}");
            }

            fixed (float* p = labels)
            {
                Lgbm.Check(NativeMethods.LGBM_DatasetSetField(dataset, "label", p, labels.Length, NativeMethods.DtypeFloat32), "LGBM_DatasetSetField(label)");
            }

            return dataset;
        }
        catch (Exception ex) when (ex is LightGbmException or InvalidDataException)
        {
            // a truncated or foreign file: build the Dataset again and replace it
            dataset?.Dispose();
            TryDelete(path);
            return null;
        }
    }

    /// <summary>Saves <paramref name="dataset"/> as the Dataset of <paramref name="key"/>.</summary>
    public void Save(SafeDatasetHandle dataset, string key)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathFor(key);

        // LightGBM refuses to overwrite an existing file, so it writes a fresh name
        var tmp = Path.Combine(Directory, $".{key}.{Guid.NewGuid():N}.tmp");
        try
        {
            Lgbm.Check(NativeMethods.LGBM_DatasetSaveBinary(dataset, tmp), "LGBM_DatasetSaveBinary");
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            TryDelete(tmp);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
