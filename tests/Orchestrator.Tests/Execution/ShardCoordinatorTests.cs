using Microsoft.Extensions.Logging.Abstractions;
using NumeraiPipeline.Orchestrator.Execution;
using NumeraiPipeline.Storage;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests.Execution;

/// <summary>
/// The coordination of a sharded run's tasks through a folder store, on a fake clock: a task that needs a stage
/// another task holds waits for its stamp and pulls it; a retry takes over its own lease at once; waiting is bounded.
/// </summary>
public sealed class ShardCoordinatorTests : IDisposable
{
    private const string Fingerprint = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string StageId = "download";
    private readonly TempWorkspace temp = new();
    private readonly SignallingTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => temp.Dispose();

    private string Bucket => temp.File("bucket");

    // The store's own clock is the system's: only the coordinator's waits run on the fake clock the test moves.
    private RunStore Workspace(string name) =>
        new(temp.File(name), new ResilientRemoteStore(new LocalDirectoryStore(Bucket), new StoreRetryOptions { Time = TimeProvider.System }), TimeProvider.System, NullLogger.Instance);

    private ShardCoordinator Coordinator(RunStore store, string holder, TimeSpan wait) =>
        new(store, "p", new ShardRunOptions { Holder = holder, Poll = TimeSpan.FromSeconds(5), Wait = wait }, clock, NullLogger.Instance);

    private void StoreStage(string fingerprint)
    {
        Directory.CreateDirectory(Path.Combine(Bucket, "artifacts", "p", StageId));
        File.WriteAllText(Path.Combine(Bucket, "artifacts", "p", StageId, "train.parquet"), "rows");
        Directory.CreateDirectory(Path.Combine(Bucket, "stamps", "p"));
        File.WriteAllText(Path.Combine(Bucket, "stamps", "p", StageId + ".json"), $$"""{ "stage": "download", "fingerprint": "{{fingerprint}}" }""");
    }

    [Fact]
    public async Task A_task_waits_for_the_stage_another_task_holds_and_pulls_its_stamp_and_outputs()
    {
        var other = Workspace("task1");
        await using var held = await other.TryAcquireLeaseAsync(ShardCoordinator.LeaseName("p", StageId, Fingerprint), "task 1/2 of execution e1", TimeSpan.FromMinutes(10), TimeSpan.Zero, CancellationToken.None);
        held.ShouldNotBeNull();
        var mine = Workspace("task2");
        var stampHere = Path.Combine(mine.Workspace, "stamps", "p", StageId + ".json");

        var claim = Coordinator(mine, "task 2/2 of execution e1", TimeSpan.FromHours(1)).ClaimAsync(StageId, Fingerprint, () => File.Exists(stampHere), CancellationToken.None);
        await clock.WaitForTimerAsync();
        claim.IsCompleted.ShouldBeFalse();
        // A stamp of other work (another fingerprint) is not this stage done.
        StoreStage("ffff");
        clock.Advance(TimeSpan.FromSeconds(5));
        await clock.WaitForTimerAsync();
        claim.IsCompleted.ShouldBeFalse();
        StoreStage(Fingerprint);
        clock.Advance(TimeSpan.FromSeconds(5));
        await using var result = await claim;

        result.Pulled.ShouldBeTrue();
        File.ReadAllText(Path.Combine(mine.Workspace, "artifacts", "p", StageId, "train.parquet")).ShouldBe("rows");
        File.Exists(stampHere).ShouldBeTrue();
    }

    [Fact]
    public async Task The_first_task_holds_the_lease_and_runs_and_a_retry_under_the_same_holder_takes_it_over_at_once()
    {
        var killed = Workspace("attempt1");
        var first = await Coordinator(killed, "task 3/3 of execution e2", TimeSpan.FromHours(1)).ClaimAsync(StageId, Fingerprint, () => false, CancellationToken.None);
        first.Pulled.ShouldBeFalse();

        // The attempt dies holding the lease (never disposed); its retry, a fresh workspace, is the same task.
        var retry = await Coordinator(Workspace("attempt2"), "task 3/3 of execution e2", TimeSpan.FromHours(1)).ClaimAsync(StageId, Fingerprint, () => false, CancellationToken.None);

        retry.Pulled.ShouldBeFalse();
        var lease = await Workspace("reader").ReadLeaseAsync(ShardCoordinator.LeaseName("p", StageId, Fingerprint), CancellationToken.None);
        lease!.Holder.ShouldBe("task 3/3 of execution e2");
        await retry.DisposeAsync();
        (await Workspace("reader2").ReadLeaseAsync(ShardCoordinator.LeaseName("p", StageId, Fingerprint), CancellationToken.None))!.Released.ShouldBeTrue();
    }

    [Fact]
    public async Task A_lease_holder_that_already_stored_the_stage_is_pulled_not_rerun()
    {
        StoreStage(Fingerprint);
        var mine = Workspace("late");

        await using var claim = await Coordinator(mine, "task 1/2 of execution e3", TimeSpan.FromHours(1)).ClaimAsync(StageId, Fingerprint, () => true, CancellationToken.None);

        claim.Pulled.ShouldBeTrue();
        (await mine.ReadLeaseAsync(ShardCoordinator.LeaseName("p", StageId, Fingerprint), CancellationToken.None))!.Released.ShouldBeTrue();
    }

    [Fact]
    public async Task Waiting_is_bounded_by_shard_wait_and_fails_with_NP6761_naming_the_holder()
    {
        var other = Workspace("stuck");
        await using var held = await other.TryAcquireLeaseAsync(ShardCoordinator.LeaseName("p", StageId, Fingerprint), "task 1/2 of execution e4", TimeSpan.FromHours(10), TimeSpan.Zero, CancellationToken.None);

        var claim = Coordinator(Workspace("waiting"), "task 2/2 of execution e4", TimeSpan.FromSeconds(15)).ClaimAsync(StageId, Fingerprint, () => true, CancellationToken.None);
        var error = await Should.ThrowAsync<StorageException>(clock.DriveAsync(claim, TimeSpan.FromSeconds(5)));

        error.Code.ShouldBe("NP6761");
        error.Message.ShouldBe($"waited 00:00:15 (--shard-wait) for stage 'download', which task 1/2 of execution e4 holds the lease of in {Bucket}, and its stamp never reached the store. Raise --shard-wait, or look at why that task is slow or stuck; a rerun resumes from the store.");
        clock.GetUtcNow().ShouldBe(new DateTimeOffset(2026, 12, 2, 12, 0, 15, TimeSpan.Zero));
    }
}
