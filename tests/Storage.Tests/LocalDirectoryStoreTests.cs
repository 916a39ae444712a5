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
        ex.Message.ShouldBe($"Cannot download 'x/y' in {temp.File("store")}: it does not exist. List the store to see what it holds.");
    }

    [Fact]
    public async Task Conditional_writes_create_once_and_take_over_only_from_the_current_generation()
    {
        var store = new LocalDirectoryStore(temp.File("store"));

        var first = await store.WriteIfGenerationMatchAsync("leases/x.json", "one"u8.ToArray(), 0, CancellationToken.None);
        var again = await store.WriteIfGenerationMatchAsync("leases/x.json", "two"u8.ToArray(), 0, CancellationToken.None);
        var next = await store.WriteIfGenerationMatchAsync("leases/x.json", "three"u8.ToArray(), 1, CancellationToken.None);
        var stale = await store.WriteIfGenerationMatchAsync("leases/x.json", "four"u8.ToArray(), 1, CancellationToken.None);
        var read = await store.ReadVersionedAsync("leases/x.json", CancellationToken.None);

        (first, again, next, stale).ShouldBe((1L, (long?)null, 2L, (long?)null));
        read!.Content.ShouldBe("three"u8.ToArray());
        read.Generation.ShouldBe(2);
        (await store.ReadVersionedAsync("leases/none.json", CancellationToken.None)).ShouldBeNull();
        var listed = new List<string>();
        await foreach (var o in store.ListAsync("", CancellationToken.None))
        {
            listed.Add(o.Key);
        }

        listed.ShouldBeEmpty("generation files are not objects of the store's listing");
    }

    [Fact]
    public async Task Of_many_concurrent_writers_naming_one_generation_exactly_one_wins()
    {
        var store = new LocalDirectoryStore(temp.File("store"));
        await store.WriteIfGenerationMatchAsync("leases/race.json", "zero"u8.ToArray(), 0, CancellationToken.None);

        // Released together so that the writers really overlap between the check for the name and its creation.
        const int writers = 16;
        using var start = new Barrier(writers);
        var threads = Enumerable.Range(0, writers).Select(i => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return store.WriteIfGenerationMatchAsync("leases/race.json", [(byte)('a' + i)], 1, CancellationToken.None).GetAwaiter().GetResult();
            },
            TaskCreationOptions.LongRunning));
        var results = await Task.WhenAll(threads);

        results.Count(r => r is not null).ShouldBe(1);
        (await store.ReadVersionedAsync("leases/race.json", CancellationToken.None))!.Generation.ShouldBe(2);
    }

    [Fact]
    public async Task Old_generations_are_cleaned_up_and_a_writer_of_a_cleaned_up_generation_loses()
    {
        var store = new LocalDirectoryStore(temp.File("store"));
        for (var g = 0L; g < 5; g++)
        {
            (await store.WriteIfGenerationMatchAsync("k.json", [(byte)g], g, CancellationToken.None)).ShouldBe(g + 1);
        }

        var folder = temp.File("store/k.json.versions");
        Directory.GetFiles(folder).Select(Path.GetFileName).Order().ShouldBe(["00000000000000000004", "00000000000000000005"]);
        // A writer that read generation 1 long ago: its name (2) is free again, but it must not win.
        (await store.WriteIfGenerationMatchAsync("k.json", [9], 1, CancellationToken.None)).ShouldBeNull();
        (await store.ReadVersionedAsync("k.json", CancellationToken.None))!.Content.ShouldBe([(byte)4]);
    }

    [Fact]
    public async Task A_folder_that_went_away_is_a_transient_NP6753()
    {
        File.WriteAllText(temp.File("gone"), "a file where the mounted folder was");
        var store = new LocalDirectoryStore(temp.File("gone"));
        File.WriteAllText(temp.File("f.txt"), "x");

        var list = await Should.ThrowAsync<StorageException>(async () =>
        {
            await foreach (var o in store.ListAsync("stamps/", CancellationToken.None))
            {
            }
        });
        var upload = await Should.ThrowAsync<StorageException>(() => store.UploadAsync(temp.File("f.txt"), "a/b.txt", CancellationToken.None));

        list.Code.ShouldBe("NP6753");
        list.Transient.ShouldBeTrue();
        list.Message.ShouldBe($"Cannot list 'stamps/' in {temp.File("gone")}: '{temp.File("gone")}' is a file, not a directory. Check that the folder is mounted and writable.");
        upload.Transient.ShouldBeTrue();
        upload.Code.ShouldBe("NP6753");
    }

    [Fact]
    public async Task A_store_that_does_not_exist_yet_lists_nothing()
    {
        var store = new LocalDirectoryStore(temp.File("fresh"));

        await foreach (var o in store.ListAsync("", CancellationToken.None))
        {
            throw new InvalidOperationException("listed " + o.Key);
        }

        Directory.Exists(temp.File("fresh")).ShouldBeFalse("nothing is created until something is written");
    }
}
