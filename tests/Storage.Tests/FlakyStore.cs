namespace NumeraiPipeline.Storage.Tests;

/// <summary>A real store that fails its next calls on demand (transient or permanent) or never answers them.</summary>
internal sealed class FlakyStore(IRemoteStore inner) : IRemoteStore
{
    private int calls;

    public int FailNext { get; set; }

    public bool Permanent { get; set; }

    public int HangNext { get; set; }

    /// <summary>Called when a call starts hanging (its attempt timer is set by then).</summary>
    public Action? Hung { get; set; }

    public int Calls => Volatile.Read(ref calls);

    public string Location => inner.Location;

    public async Task<RemoteObjectInfo> UploadAsync(string localPath, string key, CancellationToken cancellationToken)
    {
        await Before("upload", key, cancellationToken);
        return await inner.UploadAsync(localPath, key, cancellationToken);
    }

    public async Task DownloadAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        await Before("download", key, cancellationToken);
        await inner.DownloadAsync(key, localPath, cancellationToken);
    }

    public async Task<RemoteObjectInfo?> StatAsync(string key, CancellationToken cancellationToken)
    {
        await Before("stat", key, cancellationToken);
        return await inner.StatAsync(key, cancellationToken);
    }

    public async IAsyncEnumerable<RemoteObjectInfo> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Before("list", prefix, cancellationToken);
        await foreach (var o in inner.ListAsync(prefix, cancellationToken))
        {
            yield return o;
        }
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await Before("delete", key, cancellationToken);
        return await inner.DeleteAsync(key, cancellationToken);
    }

    public async Task<VersionedObject?> ReadVersionedAsync(string key, CancellationToken cancellationToken)
    {
        await Before("read", key, cancellationToken);
        return await inner.ReadVersionedAsync(key, cancellationToken);
    }

    public async Task<long?> WriteIfGenerationMatchAsync(string key, byte[] content, long ifGeneration, CancellationToken cancellationToken)
    {
        await Before("write", key, cancellationToken);
        return await inner.WriteIfGenerationMatchAsync(key, content, ifGeneration, cancellationToken);
    }

    private async Task Before(string operation, string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        cancellationToken.ThrowIfCancellationRequested();
        if (HangNext > 0)
        {
            HangNext--;
            var hanging = Task.Delay(Timeout.Infinite, cancellationToken);
            Hung?.Invoke();
            await hanging;
        }

        if (FailNext > 0)
        {
            FailNext--;
            throw Permanent
                ? new StorageException(StorageErrors.BucketUnavailable, Location, $"injected denial on {operation} '{key}'", "Nothing to fix: FlakyStore injects it.")
                : new StorageException(StorageErrors.TransferFailed, operation, key, Location, "injected fault", "Nothing to fix: FlakyStore injects it.") { Transient = true, Reason = "injected fault" };
        }
    }
}
