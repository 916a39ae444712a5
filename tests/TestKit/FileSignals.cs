namespace NumeraiPipeline.TestKit;

/// <summary>Waits for a file to appear (or to hold some content) by file-system events, not by polling.</summary>
public static class FileSignals
{
    /// <summary>Completes when <paramref name="path"/> exists and <paramref name="ready"/> holds for it (default: it exists).</summary>
    public static async Task WaitForFileAsync(string path, Func<string, bool>? ready = null, TimeSpan? timeout = null)
    {
        path = Path.GetFullPath(path);
        ready ??= _ => true;
        var watched = Path.GetDirectoryName(path)!;
        while (!Directory.Exists(watched))
        {
            watched = Path.GetDirectoryName(watched)!;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            try
            {
                if (File.Exists(path) && ready(path))
                {
                    done.TrySetResult();
                }
            }
            catch (IOException)
            {
                // Being written: the next event checks again.
            }
        }

        using var watcher = new FileSystemWatcher(watched) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName };
        watcher.Created += (_, _) => Check();
        watcher.Changed += (_, _) => Check();
        watcher.Renamed += (_, _) => Check();
        watcher.EnableRaisingEvents = true;
        Check();
        await done.Task.WaitAsync(timeout ?? TimeSpan.FromMinutes(2)).ConfigureAwait(false);
    }

    /// <summary>Completes when <paramref name="path"/> holds exactly <paramref name="text"/>.</summary>
    public static Task WaitForTextAsync(string path, string text, TimeSpan? timeout = null) =>
        WaitForFileAsync(path, p => File.ReadAllText(p) == text, timeout);
}
