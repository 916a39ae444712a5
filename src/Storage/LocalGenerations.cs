using System.Globalization;

namespace NumeraiPipeline.Storage;

/// <summary>
/// A conditional object in a folder: <c>KEY.versions/</c> holds one file per generation, named by its number
/// (20 digits). The newest file is the object's content. A write naming generation G creates file G+1 exclusively
/// (see <see cref="ExclusiveFile"/>), so of two writers naming
/// the same generation exactly one succeeds, using only what local disks and NFS guarantee. A writer that finds a
/// generation two past its own after creating it has lost (the name it created had been superseded and cleaned
/// up), removes its file and reports failure. Old generations are removed once two newer ones exist.
/// </summary>
internal sealed class LocalGenerations(string key, string directory)
{
    public const string Suffix = ".versions";

    public VersionedObject? Read()
    {
        // A generation removed by a writer's clean-up between listing and reading: list again.
        for (var attempt = 0; ; attempt++)
        {
            var latest = Latest();
            if (latest is null)
            {
                return null;
            }

            try
            {
                return new VersionedObject(key, File.ReadAllBytes(FileOf(latest.Value)), latest.Value);
            }
            catch (FileNotFoundException) when (attempt < 5)
            {
            }
        }
    }

    public long? WriteIf(byte[] content, long ifGeneration)
    {
        if (content.Length == 0)
        {
            throw new ArgumentException("A conditional object must not be empty.", nameof(content));
        }

        var latest = Latest() ?? 0;
        if (latest != ifGeneration)
        {
            return null;
        }

        Directory.CreateDirectory(directory);
        var next = ifGeneration + 1;
        if (!ExclusiveFile.TryCreate(FileOf(next), content))
        {
            return null;
        }

        if ((Latest() ?? 0) >= next + 2)
        {
            // A name is only free again after clean-up, which happens once two newer generations exist: 'next' was
            // superseded before we created it, so we lost. (One newer generation is a legitimate successor.)
            File.Delete(FileOf(next));
            return null;
        }

        foreach (var old in Numbers().Where(n => n < next - 1))
        {
            File.Delete(FileOf(old));
        }

        return next;
    }

    private long? Latest()
    {
        var numbers = Numbers().ToList();
        return numbers.Count == 0 ? null : numbers.Max();
    }

    private IEnumerable<long> Numbers()
    {
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (long.TryParse(Path.GetFileName(file), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                yield return n;
            }
        }
    }

    private string FileOf(long generation) => Path.Combine(directory, generation.ToString("D20", CultureInfo.InvariantCulture));
}
