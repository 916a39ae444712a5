using NumeraiPipeline.GcsStandIn;
using System.Security.Cryptography;
using Google.Cloud.Storage.V1;
using Microsoft.Extensions.Time.Testing;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Storage.Tests;

/// <summary>The GCS store through the real Google.Cloud.Storage.V1 client against a JSON API server on loopback.</summary>
public sealed class GcsRemoteStoreTests : IAsyncLifetime
{
    private readonly TempWorkspace temp = new();
    private FakeGcsServer server = null!;

    public async Task InitializeAsync() => server = await FakeGcsServer.StartAsync("np-bucket");

    public async Task DisposeAsync()
    {
        server.Faults.ShouldBeEmpty();
        await server.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task Upload_then_stat_reports_size_and_md5_of_the_content()
    {
        var store = Store();
        var file = Write("model.txt", 1000);

        var uploaded = await store.UploadAsync(file, "artifacts/daily/train/model.txt", CancellationToken.None);
        var stat = await store.StatAsync("artifacts/daily/train/model.txt", CancellationToken.None);

        stat.ShouldNotBeNull();
        stat.ShouldBe(uploaded);
        stat.Key.ShouldBe("artifacts/daily/train/model.txt");
        stat.Size.ShouldBe(1000);
        stat.Md5.ShouldBe(Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(file))));
        server.Content("np-bucket", "runs/artifacts/daily/train/model.txt").ShouldBe(File.ReadAllBytes(file));
    }

    [Fact]
    public async Task A_file_larger_than_a_chunk_goes_up_in_several_resumable_chunks()
    {
        var store = new GcsRemoteStore(Client(), "np-bucket", "runs") { UploadChunkSize = 256 * 1024 };
        var file = Write("train.parquet", 600_000);

        await store.UploadAsync(file, "artifacts/daily/download/train.parquet", CancellationToken.None);

        server.Log.Count(l => l.StartsWith("PUT /upload/storage/v1/b/np-bucket/o?uploadType=resumable", StringComparison.Ordinal)).ShouldBe(3);
        server.Content("np-bucket", "runs/artifacts/daily/download/train.parquet").ShouldBe(File.ReadAllBytes(file));
    }

    [Fact]
    public async Task Download_writes_the_content_and_leaves_no_temporary_file()
    {
        var store = Store();
        var source = Write("a.bin", 70_000);
        await store.UploadAsync(source, "stamps/daily/train.json", CancellationToken.None);
        var target = temp.File("ws/stamps/daily/train.json");

        await store.DownloadAsync("stamps/daily/train.json", target, CancellationToken.None);

        File.ReadAllBytes(target).ShouldBe(File.ReadAllBytes(source));
        Directory.GetFiles(Path.GetDirectoryName(target)!).ShouldBe([target]);
    }

    [Fact]
    public async Task A_corrupt_download_fails_with_NP6754_and_keeps_the_old_file()
    {
        var store = Store();
        await store.UploadAsync(Write("a.bin", 5000), "artifacts/x.bin", CancellationToken.None);
        server.Corrupt("np-bucket", "runs/artifacts/x.bin");
        var target = temp.File("ws/x.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, "previous");

        var ex = await Should.ThrowAsync<StorageException>(() => store.DownloadAsync("artifacts/x.bin", target, CancellationToken.None));

        ex.Code.ShouldBe("NP6754");
        // the whole text; the two CRC32C values are the client's (of the stored object and of the bytes received)
        ex.Message.ShouldMatch(@"^The download of 'artifacts/x\.bin' from gs://np-bucket/runs does not match the object's hash \(Incorrect hash: expected '[A-Za-z0-9+/]+={0,2}' \(base64\), was '[A-Za-z0-9+/]+={0,2}' \(base64\)\)\. Retry; if it persists, re-upload the object\.$");
        ex.Transient.ShouldBeTrue();
        File.ReadAllText(target).ShouldBe("previous");
        Directory.GetFiles(Path.GetDirectoryName(target)!).ShouldBe([target]);
    }

    [Fact]
    public async Task Stat_and_delete_of_a_missing_object()
    {
        var store = Store();

        (await store.StatAsync("nope/x", CancellationToken.None)).ShouldBeNull();
        (await store.DeleteAsync("nope/x", CancellationToken.None)).ShouldBeFalse();
        await store.UploadAsync(Write("d.bin", 10), "nope/x", CancellationToken.None);
        (await store.DeleteAsync("nope/x", CancellationToken.None)).ShouldBeTrue();
        (await store.StatAsync("nope/x", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task List_pages_through_every_object_under_the_prefix_in_key_order()
    {
        server.PageSize = 2;
        var store = Store();
        var other = new GcsRemoteStore(Client(), "np-bucket", "elsewhere");
        foreach (var key in new[] { "stamps/daily/e.json", "stamps/daily/a.json", "stamps/daily/c.json", "stamps/daily/b.json", "stamps/daily/d.json", "stamps/weekly/a.json" })
        {
            await store.UploadAsync(Write("f", 3), key, CancellationToken.None);
        }

        await other.UploadAsync(Write("f", 3), "stamps/daily/z.json", CancellationToken.None);

        var keys = new List<string>();
        await foreach (var o in store.ListAsync("stamps/daily/", CancellationToken.None))
        {
            keys.Add(o.Key);
        }

        keys.ShouldBe(["stamps/daily/a.json", "stamps/daily/b.json", "stamps/daily/c.json", "stamps/daily/d.json", "stamps/daily/e.json"]);
        server.Log.Count(l => l.StartsWith("GET /storage/v1/b/np-bucket/o?", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task A_missing_bucket_fails_with_NP6755()
    {
        var store = new GcsRemoteStore(Client(), "no-such-bucket", "");

        var ex = await Should.ThrowAsync<StorageException>(() => store.UploadAsync(Write("m", 3), "k", CancellationToken.None));

        ex.Code.ShouldBe("NP6755");
        ex.Message.ShouldBe("Cannot use gs://no-such-bucket: the bucket 'no-such-bucket' does not exist (The specified bucket does not exist). Create it or fix the store URI.");
    }

    [Fact]
    public async Task One_failed_attempt_is_a_transient_NP6753_naming_the_status()
    {
        server.FailNext = 1;

        var ex = await Should.ThrowAsync<StorageException>(() => Store().UploadAsync(Write("m", 3), "k", CancellationToken.None));

        ex.Code.ShouldBe("NP6753");
        ex.Transient.ShouldBeTrue();
        ex.Reason.ShouldBe("503 We encountered an internal error. Please try again");
        ex.Message.ShouldBe("Cannot upload 'k' in gs://np-bucket/runs: 503 We encountered an internal error. Please try again. Retry; check the bucket and the network.");
    }

    [Fact]
    public async Task An_escaping_key_is_refused_with_NP6752()
    {
        var ex = await Should.ThrowAsync<StorageException>(() => Store().UploadAsync(Write("m", 3), "../other/k", CancellationToken.None));

        ex.Code.ShouldBe("NP6752");
    }

    [Fact]
    public async Task Create_from_a_gs_uri_with_an_explicit_endpoint()
    {
        var store = RemoteStores.Create("gs://np-bucket/team/models", new RemoteStoreOptions { Endpoint = server.Endpoint });

        store.Location.ShouldBe("gs://np-bucket/team/models");
        await store.UploadAsync(Write("x", 42), "stamps/p/s.json", CancellationToken.None);
        server.Content("np-bucket", "team/models/stamps/p/s.json")!.Length.ShouldBe(42);
    }

    [Fact]
    public async Task Upload_and_download_are_retried_after_a_transient_503()
    {
        var store = Resilient(out _);
        var file = Write("r.bin", 3000);
        server.FailNext = 1;

        await store.UploadAsync(file, "retry/r.bin", CancellationToken.None);
        server.FailNext = 1;
        await store.DownloadAsync("retry/r.bin", temp.File("back.bin"), CancellationToken.None);

        File.ReadAllBytes(temp.File("back.bin")).ShouldBe(File.ReadAllBytes(file));
        server.Log.Count(l => l.StartsWith("POST /upload/", StringComparison.Ordinal)).ShouldBe(2, string.Join("\n", server.Log));
    }

    [Fact]
    public async Task A_persistent_503_fails_with_NP6756_once_the_budget_is_spent()
    {
        var store = Resilient(out var retries);
        var file = Write("r.bin", 10);
        server.FailNext = 1000;

        var ex = await Should.ThrowAsync<StorageException>(() => store.UploadAsync(file, "retry/x.bin", CancellationToken.None));

        ex.Code.ShouldBe("NP6756");
        // Doubling from 0.5 s, at most 8 s, the last wait cut to what is left: 40 s of waits, ten attempts.
        retries.Select(r => r.Delay.TotalSeconds).ShouldBe([0.5, 1, 2, 4, 8, 8, 8, 8, 0.5]);
        ex.Message.ShouldBe("The store gs://np-bucket/runs could not upload 'retry/x.bin': 10 attempt(s) for 40 s (budget 40 s) all failed; the last: 503 We encountered an internal error. Please try again. Check the network, the bucket and its permissions, then run again.");
        server.Log.Count.ShouldBe(10, string.Join("\n", server.Log));
        server.FailNext = 0;
    }

    [Fact]
    public async Task Access_denied_is_NP6755_at_once_without_retries()
    {
        var store = Resilient(out var retries);
        server.DenyNext = 1;

        var ex = await Should.ThrowAsync<StorageException>(() => store.StatAsync("a/b", CancellationToken.None));

        ex.Code.ShouldBe("NP6755");
        ex.Transient.ShouldBeFalse();
        ex.Message.ShouldBe("Cannot use gs://np-bucket/runs: access denied to read the metadata of 'a/b' (403: numerai-job@project.iam.gserviceaccount.com does not have storage.objects.list access to the Google Cloud Storage bucket. Permission 'storage.objects.list' denied on resource (or it may not exist)). Grant the job's service account roles/storage.objectAdmin on the bucket.");
        retries.ShouldBeEmpty();
        server.Log.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_create_only_write_succeeds_once_and_a_takeover_needs_the_current_generation()
    {
        var store = Store();
        var first = await store.WriteIfGenerationMatchAsync("leases/x.json", "one"u8.ToArray(), 0, CancellationToken.None);
        var second = await store.WriteIfGenerationMatchAsync("leases/x.json", "two"u8.ToArray(), 0, CancellationToken.None);
        var stale = await store.WriteIfGenerationMatchAsync("leases/x.json", "three"u8.ToArray(), first!.Value - 1, CancellationToken.None);
        var takeover = await store.WriteIfGenerationMatchAsync("leases/x.json", "four"u8.ToArray(), first.Value, CancellationToken.None);
        var read = await store.ReadVersionedAsync("leases/x.json", CancellationToken.None);

        first.ShouldNotBeNull();
        second.ShouldBeNull();
        stale.ShouldBeNull();
        takeover.ShouldNotBeNull();
        takeover.Value.ShouldBeGreaterThan(first.Value);
        read!.Content.ShouldBe("four"u8.ToArray());
        read.Generation.ShouldBe(takeover.Value);
        server.GenerationOf("np-bucket", "runs/leases/x.json").ShouldBe(takeover.Value);
        server.Log.Count(l => l.Contains("ifGenerationMatch=0", StringComparison.Ordinal)).ShouldBe(2, string.Join("\n", server.Log));
        (await store.ReadVersionedAsync("leases/none.json", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Of_many_concurrent_create_only_writes_exactly_one_wins()
    {
        var store = Store();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.WriteIfGenerationMatchAsync("leases/race.json", [(byte)('a' + i)], 0, CancellationToken.None)));

        results.Count(r => r is not null).ShouldBe(1);
    }

    [Fact]
    public async Task A_request_that_hangs_times_out_and_is_retried()
    {
        var time = new FakeTimeProvider();
        var store = new ResilientRemoteStore(Store(), new StoreRetryOptions { Budget = TimeSpan.FromSeconds(30), AttemptTimeout = TimeSpan.FromSeconds(5), Time = time })
        {
            Retrying = r => time.Advance(r.Delay),
        };
        server.HangNext = 1;
        // The hung request is seen by the server after the attempt's timer was set: advancing past it cancels it.
        var arrivals = 0;
        server.RequestArrived = _ =>
        {
            if (Interlocked.Increment(ref arrivals) == 1)
            {
                time.Advance(TimeSpan.FromSeconds(5));
            }
        };

        var info = await store.StatAsync("nothing/here", CancellationToken.None);

        info.ShouldBeNull();
        server.Log.Count.ShouldBe(2, string.Join("\n", server.Log));
        server.RequestArrived = null;
    }

    private GcsRemoteStore Store() => new(Client(), "np-bucket", "runs");

    /// <summary>The store with retries on a fake clock that jumps over every wait, so retries cost no real time.</summary>
    private ResilientRemoteStore Resilient(out List<StoreRetry> retries)
    {
        var time = new FakeTimeProvider();
        var seen = new List<StoreRetry>();
        retries = seen;
        return new ResilientRemoteStore(Store(), new StoreRetryOptions { Budget = TimeSpan.FromSeconds(40), Time = time })
        {
            Retrying = r =>
            {
                seen.Add(r);
                time.Advance(r.Delay);
            },
        };
    }

    private StorageClient Client() =>
        new StorageClientBuilder { BaseUri = server.Endpoint + "/storage/v1/", UnauthenticatedAccess = true }.Build();

    private string Write(string name, int size)
    {
        var path = temp.File(Guid.NewGuid().ToString("N")[..6] + "-" + name);
        var data = new byte[size];
        new Random(size).NextBytes(data);
        File.WriteAllBytes(path, data);
        return path;
    }
}
