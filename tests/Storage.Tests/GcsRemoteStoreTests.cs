using System.Security.Cryptography;
using Google.Cloud.Storage.V1;
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
        ex.Message.ShouldBe("Cannot upload 'k': the bucket 'no-such-bucket' does not exist (The specified bucket does not exist.). Create it or fix the store URI.");
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
        var store = Store();
        var file = Write("r.bin", 3000);
        server.FailNext = 1;

        await store.UploadAsync(file, "retry/r.bin", CancellationToken.None);
        server.FailNext = 1;
        await store.DownloadAsync("retry/r.bin", temp.File("back.bin"), CancellationToken.None);

        File.ReadAllBytes(temp.File("back.bin")).ShouldBe(File.ReadAllBytes(file));
        server.Log.Count(l => l.StartsWith("POST /upload/", StringComparison.Ordinal)).ShouldBe(2, string.Join("\n", server.Log));
    }

    [Fact]
    public async Task A_persistent_503_fails_with_NP6753_after_the_attempts()
    {
        var store = Store();
        var file = Write("r.bin", 10);
        server.FailNext = 100;

        var ex = await Should.ThrowAsync<StorageException>(() => store.UploadAsync(file, "retry/x.bin", CancellationToken.None));

        ex.Code.ShouldBe("NP6753");
        ex.Message.ShouldBe("Cannot upload 'retry/x.bin' in gs://np-bucket/runs: 503 We encountered an internal error. Please try again.. Retry; check the bucket and the network.");
        server.Log.Count.ShouldBe(GcsRemoteStore.MaxAttempts, string.Join("\n", server.Log));
        server.FailNext = 0;
    }

    private GcsRemoteStore Store() => new(Client(), "np-bucket", "runs") { RetryBaseDelay = TimeSpan.FromMilliseconds(10) };

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
