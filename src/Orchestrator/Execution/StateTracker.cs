namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>
/// Which files of a stage type's state folder one stage execution changed: a snapshot (size and modification time of
/// every file) taken before the stage, compared after it and on <c>SaveStateAsync</c>; only changed files are pushed.
/// Temporary files (names starting with '.' or holding <c>.tmp-</c> or <c>.part-</c>) are never pushed.
/// </summary>
internal sealed class StateTracker
{
    private readonly RunStore store;
    private readonly SemaphoreSlim gate = new(1, 1);
    private Dictionary<string, (long Length, long Ticks)> snapshot;

    public StateTracker(RunStore store, string stageType)
    {
        this.store = store;
        StageType = stageType;
        Directory = store.StateDirectory(stageType);
        snapshot = Scan();
    }

    public string StageType { get; }

    public string Directory { get; }

    /// <summary>Pushes the files changed since the last snapshot; returns how many.</summary>
    public async Task<int> PushChangesAsync(CancellationToken cancellationToken)
    {
        if (store.Remote is null)
        {
            return 0;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = Scan();
            var changed = now.Where(f => !snapshot.TryGetValue(f.Key, out var old) || old != f.Value).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
            if (changed.Count > 0)
            {
                await store.PushAsync(changed, cancellationToken).ConfigureAwait(false);
            }

            snapshot = now;
            return changed.Count;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Pulls the state folder from the store and takes what arrived as the new baseline (not a change of this stage).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = Scan();
            await store.PullStateAsync(StageType, cancellationToken).ConfigureAwait(false);
            var after = Scan();
            foreach (var (path, info) in after)
            {
                // Files the stage changed itself before taking the lease stay changes; pulled ones become the baseline.
                if (!before.TryGetValue(path, out var old) || old != info)
                {
                    snapshot[path] = info;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private Dictionary<string, (long Length, long Ticks)> Scan()
    {
        var files = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(Directory))
        {
            return files;
        }

        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            var name = file.Name;
            if (name.StartsWith('.') || name.Contains(".tmp-", StringComparison.Ordinal) || name.Contains(".part-", StringComparison.Ordinal))
            {
                continue;
            }

            files[Path.GetRelativePath(store.Workspace, file.FullName).Replace('\\', '/')] = (file.Length, file.LastWriteTimeUtc.Ticks);
        }

        return files;
    }
}
