using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NumeraiPipeline.Storage;

/// <summary>
/// Makes every operation of a store survive transient faults: each attempt has a timeout (metadata operations a fixed
/// one, transfers one that grows with the size), transient failures (<see cref="StorageException.Transient"/>,
/// timeouts) are retried with exponential backoff until the operation's time budget is spent, and then the operation
/// fails with NP6756 naming the last cause. Permanent failures (access denied, a missing bucket) fail at once.
/// Once an operation has spent its whole budget the store counts as down: later operations make a single attempt
/// (so a run whose store went away reaches its notifiers quickly) until one succeeds again.
/// A conditional write whose response was lost may be retried and then report a failed precondition although the
/// first attempt succeeded; callers that need to know (leases) read the object back and recognise their own write.
/// </summary>
public sealed partial class ResilientRemoteStore : IRemoteStore
{
    private readonly StoreRetryOptions options;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, long> sizes = new(StringComparer.Ordinal);
    private int down;

    /// <summary>Wraps a store.</summary>
    /// <param name="inner">The store that makes one attempt per call.</param>
    /// <param name="options">Budget, backoff and clock; null for the defaults.</param>
    /// <param name="logger">Where retries are logged (warnings); null for none.</param>
    public ResilientRemoteStore(IRemoteStore inner, StoreRetryOptions? options = null, ILogger? logger = null)
    {
        Inner = inner;
        this.options = options ?? new StoreRetryOptions();
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The wrapped store.</summary>
    public IRemoteStore Inner { get; }

    /// <summary>The retry settings.</summary>
    public StoreRetryOptions Options => options;

    /// <summary>Called before each wait between two attempts (after the wait's timer is set).</summary>
    public Action<StoreRetry>? Retrying { get; set; }

    /// <summary>Whether the last operation spent its whole budget (later operations make a single attempt).</summary>
    public bool IsDown => Volatile.Read(ref down) == 1;

    /// <inheritdoc />
    public string Location => Inner.Location;

    /// <inheritdoc />
    public Task<RemoteObjectInfo> UploadAsync(string localPath, string key, CancellationToken cancellationToken)
    {
        var size = new FileInfo(localPath) is { Exists: true } f ? f.Length : (long?)null;
        return RunAsync("upload", key, options.TransferTimeout(size), ct => Inner.UploadAsync(localPath, key, ct), cancellationToken);
    }

    /// <inheritdoc />
    public async Task DownloadAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        long? size = sizes.TryGetValue(key, out var known) ? known : (await StatAsync(key, cancellationToken))?.Size;
        await RunAsync("download", key, options.TransferTimeout(size), async ct =>
        {
            await Inner.DownloadAsync(key, localPath, ct);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RemoteObjectInfo?> StatAsync(string key, CancellationToken cancellationToken)
    {
        var info = await RunAsync("read the metadata of", key, options.EffectiveAttemptTimeout, ct => Inner.StatAsync(key, ct), cancellationToken);
        if (info is not null)
        {
            sizes[info.Key] = info.Size;
        }

        return info;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RemoteObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A listing that fails half-way starts again: materialise each attempt.
        var items = await RunAsync("list", prefix.Length == 0 ? "(all)" : prefix, options.EffectiveAttemptTimeout, async ct =>
        {
            var list = new List<RemoteObjectInfo>();
            await foreach (var o in Inner.ListAsync(prefix, ct))
            {
                list.Add(o);
            }

            return list;
        }, cancellationToken);
        foreach (var item in items)
        {
            sizes[item.Key] = item.Size;
            yield return item;
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) =>
        RunAsync("delete", key, options.EffectiveAttemptTimeout, ct => Inner.DeleteAsync(key, ct), cancellationToken);

    /// <inheritdoc />
    public Task<VersionedObject?> ReadVersionedAsync(string key, CancellationToken cancellationToken) =>
        RunAsync("read", key, options.EffectiveAttemptTimeout, ct => Inner.ReadVersionedAsync(key, ct), cancellationToken);

    /// <inheritdoc />
    public Task<long?> WriteIfGenerationMatchAsync(string key, byte[] content, long ifGeneration, CancellationToken cancellationToken) =>
        RunAsync("write", key, options.EffectiveAttemptTimeout, ct => Inner.WriteIfGenerationMatchAsync(key, content, ifGeneration, ct), cancellationToken);

    private async Task<T> RunAsync<T>(string operation, string key, TimeSpan attemptTimeout, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var time = options.Time;
        var started = time.GetTimestamp();
        var delay = options.FirstDelay;
        var singleAttempt = IsDown;
        for (var attempt = 1; ; attempt++)
        {
            StorageException failure;
            using (var attemptTimer = new CancellationTokenSource(attemptTimeout, time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimer.Token))
            {
                try
                {
                    var result = await action(linked.Token).ConfigureAwait(false);
                    Volatile.Write(ref down, 0);
                    return result;
                }
                catch (StorageException ex) when (ex.Transient && !cancellationToken.IsCancellationRequested)
                {
                    failure = ex;
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && attemptTimer.IsCancellationRequested)
                {
                    var noAnswer = $"no answer within {Seconds(attemptTimeout)} s";
                    failure = new StorageException(StorageErrors.TransferFailed, ex, operation, key, Location, noAnswer, "Check the network and the store URI.") { Transient = true, Reason = noAnswer };
                }
            }

            var elapsed = time.GetElapsedTime(started);
            var remaining = options.Budget - elapsed;
            if (singleAttempt || remaining <= TimeSpan.Zero)
            {
                Volatile.Write(ref down, 1);
                var tried = singleAttempt ? "after the store had already failed earlier in this process" : $"for {Seconds(elapsed)} s";
                throw new StorageException(StorageErrors.Unavailable, failure, Location, operation, key, attempt, tried, Seconds(options.Budget), StorageException.Shorten(failure.Reason ?? failure.Message));
            }

            var wait = delay < remaining ? delay : remaining;
            // The timer is set before anyone hears of the retry, so a fake clock advanced on that signal releases it.
            var waiting = Task.Delay(wait, time, cancellationToken);
            Retrying?.Invoke(new StoreRetry(operation, key, attempt, wait, failure));
            Log.Retrying(logger, Location, operation, key, attempt, failure.Message, (long)wait.TotalMilliseconds);
            await waiting.ConfigureAwait(false);
            delay = delay + delay < options.MaxDelay ? delay + delay : options.MaxDelay;
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Store {Store}: {Operation} '{Key}' failed (attempt {Attempt}: {Error}); retrying in {DelayMs} ms")]
        public static partial void Retrying(ILogger logger, string store, string operation, string key, int attempt, string error, long delayMs);
    }
}
