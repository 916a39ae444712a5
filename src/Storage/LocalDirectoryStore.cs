using System.Runtime.CompilerServices;

namespace NumeraiPipeline.Storage;

/// <summary>
/// A store in a local or mounted (NFS, Cloud Storage FUSE) directory. Writes go to a temporary file in the target's
/// folder and are renamed into place, so a reader never sees a partial object.
/// </summary>
public sealed class LocalDirectoryStore : IRemoteStore
{
    /// <summary>Creates a store rooted at <paramref name="root"/> (created when missing).</summary>
    /// <param name="root">The directory.</param>
    public LocalDirectoryStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The root directory.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public string Location => Root;

    /// <inheritdoc />
    public async Task<RemoteObjectInfo> UploadAsync(string localPath, string key, CancellationToken cancellationToken)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await CopyAtomicAsync(localPath, target, cancellationToken);
        return await StatAsync(key, cancellationToken) ?? throw new StorageException(StorageCodes.TransferFailed, $"The upload of '{key}' to {Root} vanished right after it was written. Check that nothing else deletes files there.");
    }

    /// <inheritdoc />
    public async Task DownloadAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        var source = PathOf(key);
        if (!File.Exists(source))
        {
            throw new StorageException(StorageCodes.TransferFailed, $"Cannot download '{key}': it does not exist in {Root}. List the store to see what it holds.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(localPath))!);
        await CopyAtomicAsync(source, localPath, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RemoteObjectInfo?> StatAsync(string key, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(key));
        return file.Exists ? await InfoAsync(ObjectKeys.Check(key), file, cancellationToken) : null;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RemoteObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        prefix = ObjectKeys.CheckPrefix(prefix);
        var keys = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !k.Contains(".part-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var file = new FileInfo(Path.Combine(Root, key));
            if (file.Exists)
            {
                yield return await InfoAsync(key, file, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
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
