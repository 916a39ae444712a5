using Microsoft.Extensions.Logging;
using NumeraiPipeline.Plugins.LightGbm.Native;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// Binned Datasets saved as LightGBM binary files (<c>LGBM_DatasetSaveBinary</c>), one per <see cref="DatasetKey"/>,
/// loaded with <c>LGBM_DatasetCreateFromFile</c> instead of reading and binning the parquet features again. A file is
/// written under a temporary name and renamed, so a reader never sees half a file. Loading and building take the
/// key's lock (<see cref="DatasetLocks"/>): of trainings that need one Dataset at once, one builds it and the others
/// wait and load it. After a save the least recently used files (last write time, refreshed by each load) are
/// evicted until the cache fits <see cref="MaxBytes"/>; a file whose lock is held (being loaded) is never evicted.
/// </summary>
internal sealed class DatasetCache(string directory, long maxBytes = DatasetCache.DefaultMaxBytes, ILogger? logger = null)
{
    /// <summary>The default bound: 20 GB (Numerai's full training set is a 7 GB Dataset; with era_stride 4, 1.8 GB).</summary>
    public const long DefaultMaxBytes = 20_000_000_000;

    public string Directory { get; } = directory;

    /// <summary>The cache is trimmed to this many bytes after each save (the Dataset just saved is always kept).</summary>
    public long MaxBytes { get; } = maxBytes;

    public string PathFor(string key) => Path.Combine(Directory, key + ".bin");

    /// <summary>
    /// The cached Dataset of <paramref name="key"/> with <paramref name="labels"/> set (<paramref name="loaded"/> true),
    /// or the one <paramref name="build"/> makes, then saved for the next training. Both happen under the key's lock.
    /// A cache that cannot be locked or written is logged and skipped: the training goes on with the built Dataset.
    /// </summary>
    public SafeDatasetHandle LoadOrBuild(string key, string parameters, float[] labels, Func<SafeDatasetHandle> build, CancellationToken cancellationToken, out bool loaded)
    {
        DatasetLock held;
        try
        {
            held = DatasetLocks.Acquire(Directory, key, logger, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger?.LogWarning("Cannot lock the Dataset cache in {Directory} ({Reason}); building the Dataset without it", Directory, ex.Message);
            loaded = false;
            return build();
        }

        using (held)
        {
            if (TryLoad(key, parameters, labels) is { } cached)
            {
                loaded = true;
                return cached;
            }

            var dataset = build();
            loaded = false;
            try
            {
                Save(dataset, key);
                Evict(keep: key);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LightGbmException)
            {
                logger?.LogWarning("Cannot save the binned Dataset to {Directory} ({Reason}); the next training builds it again", Directory, ex.Message);
            }

            return dataset;
        }
    }

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

            Touch(path);
            return dataset;
        }
        catch (Exception ex) when (ex is LightGbmException or InvalidDataException)
        {
            // a truncated or foreign file: build the Dataset again and replace it
            dataset?.Dispose();
            DatasetLocks.TryDelete(path);
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
            DatasetLocks.TryDelete(tmp);
        }
    }

    /// <summary>
    /// Removes what a crashed save left (temporary files of keys nobody holds), then the least recently used Datasets
    /// other than <paramref name="keep"/> until the cache fits <see cref="MaxBytes"/>. An entry whose lock another
    /// training holds (it is loading or rebuilding it) is skipped.
    /// </summary>
    public void Evict(string keep)
    {
        var directory = new DirectoryInfo(Directory);
        if (!directory.Exists)
        {
            return;
        }

        foreach (var orphan in directory.GetFiles(".*.tmp"))
        {
            var key = orphan.Name.Split('.', StringSplitOptions.RemoveEmptyEntries)[0];
            if (key == keep)
            {
                // we hold this key's lock and our own file is renamed already: nobody else is saving it
                DatasetLocks.TryDelete(orphan.FullName);
                continue;
            }

            using var free = DatasetLocks.TryAcquire(Directory, key, logger);
            if (free is not null)
            {
                DatasetLocks.TryDelete(orphan.FullName);
            }
        }

        var entries = directory.GetFiles("*.bin").Where(f => f.Name != keep + ".bin").OrderBy(f => f.LastWriteTimeUtc).ToList();
        var total = entries.Sum(f => f.Length) + (File.Exists(PathFor(keep)) ? new FileInfo(PathFor(keep)).Length : 0);
        foreach (var entry in entries)
        {
            if (total <= MaxBytes)
            {
                break;
            }

            var key = Path.GetFileNameWithoutExtension(entry.Name);
            using var free = DatasetLocks.TryAcquire(Directory, key, logger);
            if (free is null)
            {
                logger?.LogInformation("Kept the binned Dataset {DatasetKey} over the cache bound: another training is using it", DatasetLocks.Short(key));
                continue;
            }

            entry.Refresh();
            if (!entry.Exists)
            {
                continue;
            }

            var length = entry.Length;
            DatasetLocks.TryDelete(entry.FullName);
            total -= length;
            logger?.LogInformation(
                "Evicted the binned Dataset {DatasetKey} ({SizeMiB:F1} MiB, last used {LastUsed:O}): the Dataset cache holds at most {MaxGb:G4} GB",
                DatasetLocks.Short(key),
                length / 1048576.0,
                entry.LastWriteTimeUtc,
                MaxBytes / 1e9);
        }
    }

    private static void Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
