using System.Diagnostics;
using NumeraiPipeline.Plugins.LightGbm.Training;

namespace NumeraiPipeline.LightGbm.Tests;

/// <summary>
/// The Dataset cache's per-key lock: trainings that need one Dataset at once build it once (the others wait and load
/// it), whether they run in one process or another process holds the lock file; a lock whose process is gone or whose
/// heartbeat stopped does not block; a cancelled builder lets go. Real LightGBM, real files, signals (lock events,
/// process exit) instead of sleeps.
/// </summary>
public sealed class DatasetCacheLockTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly CacheTrainings t = new();
    private readonly List<Action> unsubscribe = [];

    private static string Short(string key) => key[..12];

    public void Dispose()
    {
        foreach (var u in unsubscribe)
        {
            u();
        }

        t.Dispose();
    }

    private bool Mine(string lockPath) => lockPath.StartsWith(Path.GetFullPath(t.CacheDirectory), StringComparison.Ordinal);

    /// <summary>Completes with the holder named by the next training that starts waiting for a lock of this workspace.</summary>
    private Task<string> NextWait()
    {
        var waited = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<string, string> handler = (path, holder) =>
        {
            if (Mine(path))
            {
                waited.TrySetResult(holder);
            }
        };
        DatasetLocks.Waiting += handler;
        unsubscribe.Add(() => DatasetLocks.Waiting -= handler);
        return waited.Task;
    }

    private void OnAcquired(Action<string> action)
    {
        Action<string> handler = path =>
        {
            if (Mine(path))
            {
                action(path);
            }
        };
        DatasetLocks.Acquired += handler;
        unsubscribe.Add(() => DatasetLocks.Acquired -= handler);
    }

    /// <summary>The key of the file's Dataset (built once, then removed so the next training needs it again).</summary>
    private async Task<string> KeyOfAsync(string file)
    {
        (await t.TrainAsync("probe", t.Options(file))).Summary["dataset"].ShouldBe("built");
        var key = t.Datasets().Single();
        File.Delete(Path.Combine(t.CacheDirectory, key + ".bin"));
        return key;
    }

    private void WriteLock(string key, DatasetLockFile record, DateTime? lastWriteUtc = null)
    {
        var path = DatasetLocks.PathFor(t.CacheDirectory, key);
        File.WriteAllBytes(path, record.ToBytes());
        File.SetLastWriteTimeUtc(path, lastWriteUtc ?? DateTime.UtcNow);
    }

    [Fact]
    public async Task Two_trainings_started_together_build_the_dataset_once_and_grow_the_trees_of_separate_builds()
    {
        var file = await t.WriteAsync();

        // the first training to take the lock holds it until the second is waiting for it
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstHolds = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acquired = 0;
        OnAcquired(_ =>
        {
            if (Interlocked.Increment(ref acquired) == 1)
            {
                firstHolds.SetResult();
                release.Task.Wait(Timeout);
            }
        });
        var waiting = NextWait();

        var first = Task.Run(() => t.TrainAsync("train_target", t.Options(file, "target")));
        await firstHolds.Task.WaitAsync(Timeout);
        var second = Task.Run(() => t.TrainAsync("train_target_b", t.Options(file, "target_b")));
        (await waiting.WaitAsync(Timeout)).ShouldBe("another training in this process");
        release.SetResult();

        var a = await first.WaitAsync(Timeout);
        var b = await second.WaitAsync(Timeout);
        a.Summary["dataset"].ShouldBe("built");
        a.Summary["feature_passes"].ShouldBe("1");
        b.Summary["dataset"].ShouldBe("cached", "the second training waited for the first one's Dataset and loaded it");
        b.Summary["feature_passes"].ShouldBe("0");
        b.Log.ShouldContain(l => l.StartsWith("Information: Waiting for the binned Dataset ", StringComparison.Ordinal) && l.EndsWith(": another training in this process is building or loading it", StringComparison.Ordinal));
        acquired.ShouldBe(2);
        t.Datasets().Length.ShouldBe(1);
        t.LockFiles().ShouldBeEmpty("each training removed its lock file");

        a.Model.ShouldBe((await t.TrainAsync("plain_target", t.Options(file, "target", cache: false))).Model, "the same trees as a separate build");
        b.Model.ShouldBe((await t.TrainAsync("plain_target_b", t.Options(file, "target_b", cache: false))).Model);
    }

    [Fact]
    public async Task A_lock_file_left_by_a_dead_process_does_not_block_and_is_replaced()
    {
        var file = await t.WriteAsync();
        var key = await KeyOfAsync(file);
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync();
        WriteLock(key, new DatasetLockFile(gone.Id, DateTime.UtcNow, Environment.MachineName, "left-behind", DateTime.UtcNow));
        var waited = NextWait();

        var again = await t.TrainAsync("again", t.Options(file)).WaitAsync(Timeout);

        again.Summary["dataset"].ShouldBe("built");
        waited.IsCompleted.ShouldBeFalse("nobody waited for the dead process");
        again.Log.ShouldContain(l => l.StartsWith($"Warning: Taking over the lock of the binned Dataset {Short(key)} from process {gone.Id} on {Environment.MachineName} (since ", StringComparison.Ordinal) && l.EndsWith($": its process {gone.Id} is gone", StringComparison.Ordinal));
        t.LockFiles().ShouldBeEmpty();
        (await t.TrainAsync("loads", t.Options(file))).Summary["dataset"].ShouldBe("cached");
    }

    [Fact]
    public async Task A_training_waits_for_another_process_holding_the_lock_and_takes_over_when_that_process_dies()
    {
        var file = await t.WriteAsync();
        var key = await KeyOfAsync(file);
        using var holder = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        try
        {
            WriteLock(key, new DatasetLockFile(holder.Id, holder.StartTime.ToUniversalTime(), Environment.MachineName, "other-process", DateTime.UtcNow));
            var waiting = NextWait();
            var training = t.TrainAsync("waits", t.Options(file));

            (await waiting.WaitAsync(Timeout)).ShouldStartWith($"process {holder.Id} on {Environment.MachineName} (since ");
            training.IsCompleted.ShouldBeFalse();
            holder.Kill();
            await holder.WaitForExitAsync();

            var done = await training.WaitAsync(Timeout);
            done.Summary["dataset"].ShouldBe("built");
            done.Log.ShouldContain(l => l.StartsWith($"Warning: Taking over the lock of the binned Dataset {Short(key)} from process {holder.Id} ", StringComparison.Ordinal) && l.EndsWith($": its process {holder.Id} is gone", StringComparison.Ordinal));
            t.LockFiles().ShouldBeEmpty();
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill();
            }
        }
    }

    [Fact]
    public async Task A_lock_of_another_machine_blocks_while_its_heartbeat_is_fresh_and_is_taken_over_once_it_stops()
    {
        var file = await t.WriteAsync();
        var key = await KeyOfAsync(file);
        WriteLock(key, new DatasetLockFile(4242, DateTime.UtcNow, "elsewhere", "other-machine", DateTime.UtcNow.AddHours(-1)));
        var waiting = NextWait();
        var training = t.TrainAsync("waits", t.Options(file));

        (await waiting.WaitAsync(Timeout)).ShouldStartWith("process 4242 on elsewhere (since ");
        training.IsCompleted.ShouldBeFalse();

        // the holder's heartbeat stops: its last write is older than the stale bound
        File.SetLastWriteTimeUtc(DatasetLocks.PathFor(t.CacheDirectory, key), DateTime.UtcNow - DatasetLockFile.StaleAfter - TimeSpan.FromMinutes(1));

        var done = await training.WaitAsync(Timeout);
        done.Summary["dataset"].ShouldBe("built");
        done.Log.ShouldContain(l => l.StartsWith($"Warning: Taking over the lock of the binned Dataset {Short(key)} from process 4242 on elsewhere ", StringComparison.Ordinal) && l.EndsWith(": its last heartbeat was 6 min ago", StringComparison.Ordinal));
        t.LockFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_cancelled_builder_releases_the_lock_and_the_next_training_builds_at_once()
    {
        var file = await t.WriteAsync();
        using var cancel = new CancellationTokenSource();
        var first = true;
        OnAcquired(_ =>
        {
            if (first)
            {
                first = false;
                cancel.Cancel();
            }
        });

        await Should.ThrowAsync<OperationCanceledException>(() => t.TrainAsync("cancelled", t.Options(file), cancel.Token).WaitAsync(Timeout));
        t.LockFiles().ShouldBeEmpty("the cancelled builder removed its lock file");
        t.Datasets().ShouldBeEmpty();

        var waited = NextWait();
        var next = await t.TrainAsync("next", t.Options(file)).WaitAsync(Timeout);
        next.Summary["dataset"].ShouldBe("built");
        waited.IsCompleted.ShouldBeFalse("the lock was free");
    }
}
