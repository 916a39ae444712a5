using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// Per-key locks of the Dataset cache, so that of several trainings that need the same binned Dataset (matrix
/// instances run in parallel, or processes and shards sharing a workspace) one builds and saves it while the others
/// wait and then load the file. A lock is two parts: an in-process semaphore per lock file (trainings of one process
/// wait on it without polling) and the lock file <c>KEY.lock</c> (<see cref="DatasetLockFile"/>) for other processes,
/// which wait by looking at it again (50 ms, doubling to 1 s). A lock file whose process is gone, or whose heartbeat
/// stopped <see cref="DatasetLockFile.StaleAfter"/> ago, is taken over; the holder removes its file when it lets go
/// (also when its build fails or is cancelled).
/// </summary>
internal static class DatasetLocks
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> InProcess = new(StringComparer.Ordinal);
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(1);

    /// <summary>Raised when a training starts waiting for a lock (lock file path, who holds it).</summary>
    public static event Action<string, string>? Waiting;

    /// <summary>Raised when a lock is taken (lock file path).</summary>
    public static event Action<string>? Acquired;

    public static string PathFor(string directory, string key) => Path.GetFullPath(Path.Combine(directory, key + ".lock"));

    /// <summary>Takes the lock of <paramref name="key"/>, waiting while another training holds it.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    /// <exception cref="IOException">The lock file cannot be written (the caller goes on without the cache).</exception>
    public static DatasetLock Acquire(string directory, string key, ILogger? logger, CancellationToken cancellationToken) =>
        Take(directory, key, wait: true, logger, cancellationToken)!;

    /// <summary>The lock of <paramref name="key"/> if nobody holds it now (a stale lock file is taken over), else null.</summary>
    public static DatasetLock? TryAcquire(string directory, string key, ILogger? logger) =>
        Take(directory, key, wait: false, logger, CancellationToken.None);

    private static DatasetLock? Take(string directory, string key, bool wait, ILogger? logger, CancellationToken cancellationToken)
    {
        var path = PathFor(directory, key);
        var semaphore = InProcess.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        if (!semaphore.Wait(0))
        {
            if (!wait)
            {
                return null;
            }

            const string Holder = "another training in this process";
            logger?.LogInformation("Waiting for the binned Dataset {DatasetKey}: {Holder} is building or loading it", Short(key), Holder);
            Waiting?.Invoke(path, Holder);
            semaphore.Wait(cancellationToken);
        }

        try
        {
            Directory.CreateDirectory(directory);
            var pause = FirstPause;
            string? waitingFor = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var mine = DatasetLockFile.ForThisProcess(DateTime.UtcNow);
                if (NumeraiPipeline.Storage.ExclusiveFile.TryCreate(path, mine.ToBytes()))
                {
                    var taken = new DatasetLock(path, mine, semaphore);
                    Acquired?.Invoke(path);
                    return taken;
                }

                if (ReadExisting(path) is not { } seen)
                {
                    // released between our create and our read: try again at once
                    continue;
                }

                var record = DatasetLockFile.Parse(seen.Bytes);
                if (DatasetLockFile.StaleReason(record, seen.LastWriteUtc, DateTime.UtcNow) is { } reason)
                {
                    logger?.LogWarning("Taking over the lock of the binned Dataset {DatasetKey} from {Holder}: {Reason}", Short(key), record?.Holder ?? "an unreadable lock file", reason);
                    TakeOver(path, seen.Bytes);
                    continue;
                }

                if (!wait)
                {
                    semaphore.Release();
                    return null;
                }

                var holder = record?.Holder ?? "a process that is still writing its lock file";
                if (waitingFor != holder)
                {
                    waitingFor = holder;
                    logger?.LogInformation("Waiting for the binned Dataset {DatasetKey}: {Holder} is building or loading it", Short(key), holder);
                    Waiting?.Invoke(path, holder);
                }

                cancellationToken.WaitHandle.WaitOne(pause);
                pause = pause + pause < MaxPause ? pause + pause : MaxPause;
            }
        }
        catch
        {
            semaphore.Release();
            throw;
        }
    }

    /// <summary>The first 12 hex digits of a key, for log lines.</summary>
    public static string Short(string key) => key.Length > 12 ? key[..12] : key;

    private static (byte[] Bytes, DateTime LastWriteUtc)? ReadExisting(string path)
    {
        try
        {
            var written = File.GetLastWriteTimeUtc(path);
            var bytes = File.ReadAllBytes(path);
            return File.Exists(path) ? (bytes, written) : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            // being written on a system that refuses shared reads: held
            return ([], DateTime.UtcNow);
        }
    }

    /// <summary>
    /// Removes a stale lock file, unless someone replaced it since it was read: the file is renamed aside (atomic),
    /// and put back when its content is not what was judged stale.
    /// </summary>
    private static void TakeOver(string path, byte[] seen)
    {
        var aside = $"{path}.{Guid.NewGuid():N}.stale";
        try
        {
            File.Move(path, aside);
        }
        catch (FileNotFoundException)
        {
            return;
        }

        try
        {
            if (!File.ReadAllBytes(aside).AsSpan().SequenceEqual(seen))
            {
                // a fresh lock of another taker: give it back (if the name was taken again meanwhile, two trainings
                // may build the same Dataset; each saves it whole under a temporary name, so the cache stays sound)
                File.Move(aside, path, overwrite: false);
            }
        }
        catch (IOException)
        {
        }
        finally
        {
            TryDelete(aside);
        }
    }

    internal static void TryDelete(string path)
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

/// <summary>A held Dataset lock: its file is refreshed every <see cref="DatasetLockFile.HeartbeatInterval"/>; dispose to let go.</summary>
internal sealed class DatasetLock : IDisposable
{
    private readonly SemaphoreSlim semaphore;
    private readonly Timer heartbeat;
    private int released;

    public DatasetLock(string path, DatasetLockFile record, SemaphoreSlim semaphore)
    {
        Path = path;
        Record = record;
        this.semaphore = semaphore;
        heartbeat = new Timer(_ => Beat(), null, DatasetLockFile.HeartbeatInterval, DatasetLockFile.HeartbeatInterval);
    }

    public string Path { get; }

    public DatasetLockFile Record { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) != 0)
        {
            return;
        }

        heartbeat.Dispose();
        try
        {
            // only our own file: a lock taken over from us (we looked stale) belongs to its new holder
            if (File.Exists(Path) && DatasetLockFile.Parse(File.ReadAllBytes(Path))?.Token == Record.Token)
            {
                File.Delete(Path);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        finally
        {
            semaphore.Release();
        }
    }

    private void Beat()
    {
        try
        {
            File.SetLastWriteTimeUtc(Path, DateTime.UtcNow);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
