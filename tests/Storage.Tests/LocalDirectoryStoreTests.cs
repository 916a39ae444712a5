using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Storage.Tests;

public sealed class LocalDirectoryStoreTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Round_trips_a_file_and_lists_in_key_order()
    {
        var store = new LocalDirectoryStore(temp.File("store"));
        var source = temp.File("m.txt");
        File.WriteAllText(source, "hello");

        await store.UploadAsync(source, "b/2.txt", CancellationToken.None);
        var info = await store.UploadAsync(source, "b/1.txt", CancellationToken.None);
        await store.UploadAsync(source, "a.txt", CancellationToken.None);
        await store.DownloadAsync("b/1.txt", temp.File("out/x.txt"), CancellationToken.None);

        info.Size.ShouldBe(5);
        info.Md5.ShouldBe("5d41402abc4b2a76b9719d911017c592");
        File.ReadAllText(temp.File("out/x.txt")).ShouldBe("hello");
        var keys = new List<string>();
        await foreach (var o in store.ListAsync("b/", CancellationToken.None))
        {
            keys.Add(o.Key);
        }

        keys.ShouldBe(["b/1.txt", "b/2.txt"]);
        (await store.DeleteAsync("a.txt", CancellationToken.None)).ShouldBeTrue();
        (await store.StatAsync("a.txt", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task WorkspaceSync_works_over_a_directory_store_too()
    {
        var store = RemoteStores.Create("file://" + temp.File("nfs"));
        var ws = temp.File("ws1");
        Directory.CreateDirectory(Path.Combine(ws, "stamps", "demo"));
        File.WriteAllText(Path.Combine(ws, "stamps", "demo", "s.json"), "{}");
        var sync = new WorkspaceSync(store);

        await sync.PushAsync(ws, ["stamps/demo/s.json"], CancellationToken.None);
        var pulled = await sync.PullAsync(temp.File("ws2"), "demo", CancellationToken.None);

        pulled.Transferred.ShouldBe(["stamps/demo/s.json"]);
        File.ReadAllText(temp.File("ws2/stamps/demo/s.json")).ShouldBe("{}");
    }

    [Fact]
    public async Task Downloading_a_missing_key_fails_with_NP6753()
    {
        var store = new LocalDirectoryStore(temp.File("store"));

        var ex = await Should.ThrowAsync<StorageException>(() => store.DownloadAsync("x/y", temp.File("z"), CancellationToken.None));

        ex.Code.ShouldBe("NP6753");
    }
}
