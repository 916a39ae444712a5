using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace NumeraiPipeline.Orchestrator.Incremental;

/// <summary>
/// Content hashes of files, recomputed only when a file's size or modification time changed (the git-index idea).
/// Persisted in the workspace between runs.
/// </summary>
internal sealed class FileHashCache
{
    private readonly string? path;
    private readonly ConcurrentDictionary<string, Entry> entries;

    public FileHashCache(string? path)
    {
        this.path = path;
        entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        if (path is not null && File.Exists(path))
        {
            try
            {
                var loaded = JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllText(path));
                foreach (var (k, v) in loaded ?? [])
                {
                    entries[k] = v;
                }
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
            {
                // A damaged or unreadable cache only costs rehashing.
            }
        }
    }

    /// <summary>How many files were actually read and hashed (for tests and the benchmark).</summary>
    public int HashesComputed => hashesComputed;

    private int hashesComputed;

    public string Hash(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"'{file}' does not exist", file);
        }

        var key = info.FullName;
        var ticks = info.LastWriteTimeUtc.Ticks;
        if (entries.TryGetValue(key, out var e) && e.Size == info.Length && e.Ticks == ticks)
        {
            return e.Sha256;
        }

        var hash = Compute(file);
        Interlocked.Increment(ref hashesComputed);
        entries[key] = new Entry(info.Length, ticks, hash);
        return hash;
    }

    /// <summary>Records a hash known from a write, so the file is not read again.</summary>
    public void Remember(string file, string sha256)
    {
        var info = new FileInfo(file);
        entries[info.FullName] = new Entry(info.Length, info.LastWriteTimeUtc.Ticks, sha256);
    }

    public static string Compute(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public void Save()
    {
        if (path is null)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var live = entries.Where(kv => File.Exists(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(live));
    }

    internal sealed record Entry(long Size, long Ticks, string Sha256);
}
