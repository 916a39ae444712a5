using System.Runtime.CompilerServices;

namespace NumeraiPipeline.Storage;

/// <summary>
/// A store in a local or mounted (NFS, Cloud Storage FUSE) directory. Writes go to a temporary file in the target's
/// folder and are renamed into place, so a reader never sees a partial object. I/O failures (a mount that went away)
/// are transient <see cref="StorageException"/>s. Conditional objects (<see cref="WriteIfGenerationMatchAsync"/>)
/// are folders <c>KEY.versions/</c> of numbered generation files, each created exclusively (see <see cref="LocalGenerations"/>).
/// </summary>
public sealed class LocalDirectoryStore : IRemoteStore
{
    /// <summary>Creates a store rooted at <paramref name="root"/> (created on the first write).</summary>
    /// <param name="root">The directory.</param>
    public LocalDirectoryStore(string root) => Root = Path.GetFullPath(root);

    /// <summary>The root directory.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public string Location => Root;

    /// <inheritdoc />
    public Task<RemoteObjectInfo> UploadAsync(string localPath, string key, CancellationToken cancellationToken) =>
        GuardAsync("upload", key, async () =>
        {
            var target = PathOf(key);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await CopyAtomicAsync(localPath, target, cancellationToken);
            return await StatAsync(key, cancellationToken) ?? throw new StorageException(StorageErrors.TransferFailed, "upload", key, Root, "the copy vanished right after it was written", "Check that nothing else deletes files there.");
        });

    /// <inheritdoc />
    public Task DownloadAsync(string key, string localPath, CancellationToken cancellationToken) =>
        GuardAsync("download", key, async () =>
        {
            var source = PathOf(key);
            if (!File.Exists(source))
            {
                throw new StorageException(StorageErrors.TransferFailed, "download", key, Root, "it does not exist", "List the store to see what it holds.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(localPath))!);
            await CopyAtomicAsync(source, localPath, cancellationToken);
            return true;
        });

    /// <inheritdoc />
    public Task<RemoteObjectInfo?> StatAsync(string key, CancellationToken cancellationToken) =>
        GuardAsync("read the metadata of", key, async () =>
        {
            var file = new FileInfo(PathOf(key));
            return file.Exists ? await InfoAsync(ObjectKeys.Check(key), file, cancellationToken) : null;
        });

    /// <inheritdoc />
    public async IAsyncEnumerable<RemoteObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        prefix = ObjectKeys.CheckPrefix(prefix);
        var keys = await GuardAsync("list", prefix, () => Task.FromResult(ListKeys(prefix)));
        foreach (var key in keys)
        {
            var info = await GuardAsync("list", key, async () =>
            {
                var file = new FileInfo(Path.Combine(Root, key));
                return file.Exists ? await InfoAsync(key, file, cancellationToken) : null;
            });
            if (info is not null)
            {
                yield return info;
            }
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) =>
        GuardAsync("delete", key, () =>
        {
            var path = PathOf(key);
            if (!File.Exists(path))
            {
                return Task.FromResult(false);
            }

            File.Delete(path);
            return Task.FromResult(true);
        });

    /// <inheritdoc />
    public Task<VersionedObject?> ReadVersionedAsync(string key, CancellationToken cancellationToken) =>
        GuardAsync("read", key, () => Task.FromResult(Generations(key).Read()));

    /// <inheritdoc />
    public Task<long?> WriteIfGenerationMatchAsync(string key, byte[] content, long ifGeneration, CancellationToken cancellationToken) =>
        GuardAsync("write", key, () => Task.FromResult(Generations(key).WriteIf(content, ifGeneration)));

    private LocalGenerations Generations(string key) => new(ObjectKeys.Check(key), PathOf(key) + LocalGenerations.Suffix);

    private List<string> ListKeys(string prefix)
    {
        if (!Directory.Exists(Root))
        {
            if (File.Exists(Root))
            {
                throw new IOException($"'{Root}' is a file, not a directory");
            }

            return [];
        }

        return Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !k.Contains(".part-", StringComparison.Ordinal) && !k.Contains(LocalGenerations.Suffix + "/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private async Task<T> GuardAsync<T>(string action, string key, Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageErrors.TransferFailed, ex, action, key, Root, StorageException.Shorten(ex.Message), "Check that the folder is mounted and writable.") { Transient = true, Reason = StorageException.Shorten(ex.Message) };
        }
    }

    private static async Task<RemoteObjectInfo> InfoAsync(string key, FileInfo file, CancellationToken cancellationToken) =>
        new(key, file.Length, await FileHashes.Md5Async(file.FullName, cancellationToken), file.LastWriteTimeUtc);

    private static async Task CopyAtomicAsync(string source, string target, CancellationToken cancellationToken)
    {
        var temp = FileHashes.TempBeside(target);
        try
        {
            await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await input.CopyToAsync(output, cancellationToken);
            }

            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private string PathOf(string key) => Path.Combine(Root, ObjectKeys.Check(key));
}
