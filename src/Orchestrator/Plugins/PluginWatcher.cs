namespace NumeraiPipeline.Orchestrator.Plugins;

/// <summary>Watches plugin folders (and extra files) and signals once per burst of changes (debounced).</summary>
internal sealed class PluginWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> watchers = [];
    private readonly TimeSpan quiet;
    private readonly object gate = new();
    private Timer? timer;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PluginWatcher(IEnumerable<string> directories, IEnumerable<string> files, TimeSpan quiet)
    {
        this.quiet = quiet;
        foreach (var dir in directories.Where(Directory.Exists))
        {
            Add(new FileSystemWatcher(dir) { IncludeSubdirectories = true });
        }

        foreach (var file in files.Where(File.Exists))
        {
            Add(new FileSystemWatcher(Path.GetDirectoryName(Path.GetFullPath(file))!, Path.GetFileName(file)));
        }
    }

    /// <summary>Completes after the next burst of changes has been quiet for the debounce period.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return changed.Task.WaitAsync(cancellationToken);
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

    private void Poke()
    {
        lock (gate)
        {
            timer ??= new Timer(_ => Fire());
            timer.Change(quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        TaskCompletionSource done;
        lock (gate)
        {
            done = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }
}
