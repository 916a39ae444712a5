using Microsoft.Extensions.Time.Testing;
using NumeraiPipeline.GcsStandIn;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Storage.Tests;

/// <summary>Leases over both kinds of store: the GCS stand-in (ifGenerationMatch) and a folder (exclusive generation files).</summary>
public sealed class StoreLeasesTests : IAsyncLifetime
{
    private readonly TempWorkspace temp = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private FakeGcsServer gcs = null!;

    public async Task InitializeAsync() => gcs = await FakeGcsServer.StartAsync("lease-bucket");

    public async Task DisposeAsync()
    {
        await gcs.DisposeAsync();
        temp.Dispose();
    }

    public static TheoryData<string> Kinds => ["gcs", "folder"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_held_lease_is_refused_to_others_and_free_again_once_released(string kind)
    {
        var leases = Leases(kind);

        var first = await leases.TryAcquireAsync("submit/m/round-7", "run A", TimeSpan.FromMinutes(10), TimeSpan.Zero, CancellationToken.None);
        var second = await leases.TryAcquireAsync("submit/m/round-7", "run B", TimeSpan.FromMinutes(10), TimeSpan.Zero, CancellationToken.None);
        var holder = await leases.ReadAsync("submit/m/round-7", CancellationToken.None);
        await first!.DisposeAsync();
        var third = await leases.TryAcquireAsync("submit/m/round-7", "run B", TimeSpan.FromMinutes(10), TimeSpan.Zero, CancellationToken.None);

        first.Holder.ShouldBe("run A");
        first.ExpiresAt.ShouldBe(time.GetUtcNow() + TimeSpan.FromMinutes(10));
        second.ShouldBeNull();
        holder!.Holder.ShouldBe("run A");
        holder.IsHeldAt(time.GetUtcNow()).ShouldBeTrue();
        third.ShouldNotBeNull();
        third.Holder.ShouldBe("run B");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_expired_lease_is_taken_over_and_its_old_holder_can_neither_renew_nor_release_it(string kind)
    {
        var leases = Leases(kind);
        var old = await leases.TryAcquireAsync("shard/3", "run A", TimeSpan.FromMinutes(5), TimeSpan.Zero, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var taken = await leases.TryAcquireAsync("shard/3", "run B", TimeSpan.FromMinutes(5), TimeSpan.Zero, CancellationToken.None);
        var renewed = await old!.RenewAsync(TimeSpan.FromMinutes(5), CancellationToken.None);
        await old.DisposeAsync();
        var third = await leases.TryAcquireAsync("shard/3", "run C", TimeSpan.FromMinutes(5), TimeSpan.Zero, CancellationToken.None);

        taken!.Holder.ShouldBe("run B");
        renewed.ShouldBeFalse();
        third.ShouldBeNull("the old holder's release must not free the new holder's lease");
        (await leases.ReadAsync("shard/3", CancellationToken.None))!.Holder.ShouldBe("run B");
        (await taken.RenewAsync(TimeSpan.FromMinutes(30), CancellationToken.None)).ShouldBeTrue();
        taken.ExpiresAt.ShouldBe(time.GetUtcNow() + TimeSpan.FromMinutes(30));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_waiter_gets_the_lease_when_the_holder_releases_it_and_gives_up_after_its_wait(string kind)
    {
        var leases = Leases(kind);
        var holder = await leases.TryAcquireAsync("x", "run A", TimeSpan.FromMinutes(10), TimeSpan.Zero, CancellationToken.None);
        var pauses = new List<TimeSpan>();
        leases.Waiting = (record, pause) =>
        {
            pauses.Add(pause);
            record.Holder.ShouldBe("run A");
            time.Advance(pause);
        };

        var gaveUp = await leases.TryAcquireAsync("x", "run B", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5), CancellationToken.None);
        var waitedFor = pauses.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        pauses.Clear();
        leases.Waiting = (_, pause) =>
        {
            if (pauses.Count == 2)
            {
                holder!.ReleaseAsync(CancellationToken.None).GetAwaiter().GetResult();
            }

            pauses.Add(pause);
            time.Advance(pause);
        };
        var got = await leases.TryAcquireAsync("x", "run B", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5), CancellationToken.None);

        gaveUp.ShouldBeNull();
        waitedFor.ShouldBe(TimeSpan.FromSeconds(5));
        got!.Holder.ShouldBe("run B");
        pauses.Count.ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Of_many_executions_racing_for_a_free_lease_exactly_one_gets_it(string kind)
    {
        var leases = Leases(kind);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => leases.TryAcquireAsync("race", "run " + i, TimeSpan.FromMinutes(1), TimeSpan.Zero, CancellationToken.None))));

        results.Count(r => r is not null).ShouldBe(1);
    }

    [Fact]
    public async Task A_takeover_whose_answer_was_lost_is_recognised_as_the_writers_own()
    {
        var store = new LocalDirectoryStore(temp.File("store"));
        var leases = new StoreLeases(new LostAnswerStore(store), time);

        var lease = await leases.TryAcquireAsync("y", "run A", TimeSpan.FromMinutes(1), TimeSpan.Zero, CancellationToken.None);

        lease.ShouldNotBeNull();
        lease.Generation.ShouldBe(1);
    }

    [Fact]
    public void A_lease_name_that_leaves_the_lease_folder_is_refused()
    {
        Should.Throw<StorageException>(() => StoreLeases.KeyOf("../stamps/x")).Code.ShouldBe("NP6752");
        StoreLeases.KeyOf("numerai.submit/127.0.0.1/m/round-9").ShouldBe("leases/numerai.submit/127.0.0.1/m/round-9.json");
    }

    private StoreLeases Leases(string kind) => new(
        kind == "gcs"
            ? new GcsRemoteStore(new Google.Cloud.Storage.V1.StorageClientBuilder { BaseUri = gcs.Endpoint + "/storage/v1/", UnauthenticatedAccess = true }.Build(), "lease-bucket", Guid.NewGuid().ToString("N")[..8])
            : new LocalDirectoryStore(temp.File("store-" + Guid.NewGuid().ToString("N")[..8])),
        time);

    /// <summary>A store whose conditional writes land but answer "precondition failed", as a retried request does.</summary>
    private sealed class LostAnswerStore(IRemoteStore inner) : IRemoteStore
    {
        public string Location => inner.Location;

        public Task<RemoteObjectInfo> UploadAsync(string localPath, string key, CancellationToken cancellationToken) => inner.UploadAsync(localPath, key, cancellationToken);

        public Task DownloadAsync(string key, string localPath, CancellationToken cancellationToken) => inner.DownloadAsync(key, localPath, cancellationToken);

        public Task<RemoteObjectInfo?> StatAsync(string key, CancellationToken cancellationToken) => inner.StatAsync(key, cancellationToken);

        public IAsyncEnumerable<RemoteObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

        public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public Task<VersionedObject?> ReadVersionedAsync(string key, CancellationToken cancellationToken) => inner.ReadVersionedAsync(key, cancellationToken);

        public async Task<long?> WriteIfGenerationMatchAsync(string key, byte[] content, long ifGeneration, CancellationToken cancellationToken)
        {
            await inner.WriteIfGenerationMatchAsync(key, content, ifGeneration, cancellationToken);
            return null;
        }
    }
}
