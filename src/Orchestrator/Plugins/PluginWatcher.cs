namespace NumeraiPipeline.Orchestrator.Plugins;

/// <summary>
/// Watches plugin folders (and extra files) and signals once per burst of changes, after the burst has been quiet for
/// the debounce period. A burst that ends while nobody waits (a run is in progress) stays pending, so the next
/// <see cref="WaitAsync"/> returns at once: no change made during a run is lost.
/// </summary>
internal sealed class PluginWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> watchers = [];
    private readonly TimeSpan quiet;
    private readonly TimeProvider time;
    private readonly object gate = new();
    private ITimer? timer;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PluginWatcher(IEnumerable<string> directories, IEnumerable<string> files, TimeSpan quiet, TimeProvider? time = null)
    {
        this.quiet = quiet;
        this.time = time ?? TimeProvider.System;
        foreach (var dir in directories.Where(Directory.Exists))
        {
            Add(new FileSystemWatcher(dir) { IncludeSubdirectories = true });
        }

        foreach (var file in files.Where(File.Exists))
        {
            Add(new FileSystemWatcher(Path.GetDirectoryName(Path.GetFullPath(file))!, Path.GetFileName(file)));
        }
    }

    /// <summary>Whether a burst of changes has ended and not been consumed by <see cref="WaitAsync"/> yet.</summary>
    public bool Pending
    {
        get
        {
            lock (gate)
            {
                return changed.Task.IsCompleted;
            }
        }
    }

    /// <summary>Completes when a burst of changes has ended (at once if one ended since the last call) and consumes it.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        Task burst;
        lock (gate)
        {
            burst = changed.Task;
        }

        await burst.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            if (changed.Task == burst)
            {
                changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>A change was seen: (re)starts the quiet period.</summary>
    public void Poke()
    {
        lock (gate)
        {
            timer ??= time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            timer.Change(quiet, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        foreach (var w in watchers)
        {
            w.Dispose();
        }

        timer?.Dispose();
    }

    private void Add(FileSystemWatcher watcher)
    {
        watcher.NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.DirectoryName;
        watcher.Changed += (_, _) => Poke();
        watcher.Created += (_, _) => Poke();
        watcher.Renamed += (_, _) => Poke();
        watcher.Deleted += (_, _) => Poke();
        watcher.EnableRaisingEvents = true;
        watchers.Add(watcher);
    }

    private void Fire()
    {
        TaskCompletionSource done;
        lock (gate)
        {
            done = changed;
        }

        done.TrySetResult();
    }
}
