using NumeraiPipeline.GcsStandIn;
using Google.Cloud.Storage.V1;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Storage.Tests;

/// <summary>Push after a stage and pull before a run, through the real GCS client against the loopback server.</summary>
public sealed class WorkspaceSyncTests : IAsyncLifetime
{
    private readonly TempWorkspace first = new("np-ws1-");
    private readonly TempWorkspace second = new("np-ws2-");
    private FakeGcsServer server = null!;
    private IRemoteStore store = null!;

    public async Task InitializeAsync()
    {
        server = await FakeGcsServer.StartAsync("np-bucket");
        store = new GcsRemoteStore(new StorageClientBuilder { BaseUri = server.Endpoint + "/storage/v1/", UnauthenticatedAccess = true }.Build(), "np-bucket", "ws");
    }

    public async Task DisposeAsync()
    {
        server.Faults.ShouldBeEmpty();
        await server.DisposeAsync();
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task Push_uploads_outputs_before_the_stamp()
    {
        var paths = new[] { "stamps/daily/train.json", "artifacts/daily/train/model.txt", "artifacts/daily/train/model.json" };
        foreach (var p in paths)
        {
            Write(first, p, "content of " + p);
        }

        var result = await new WorkspaceSync(store).PushAsync(first.Path, paths, CancellationToken.None);

        result.Transferred.ShouldBe(["artifacts/daily/train/model.json", "artifacts/daily/train/model.txt", "stamps/daily/train.json"]);
        result.UpToDate.ShouldBe(0);
        var uploads = server.Log.Where(l => l.StartsWith("POST /upload/", StringComparison.Ordinal)).ToList();
        uploads.Count.ShouldBe(3);
        var finished = server.Log.ToList();
        var lastUpload = finished.FindLastIndex(l => l.StartsWith("POST /upload/", StringComparison.Ordinal));
        // The stamp's upload session is the last one opened, after both outputs were complete.
        server.Content("np-bucket", "ws/stamps/daily/train.json").ShouldNotBeNull();
        finished.Take(lastUpload).Count(l => l.StartsWith("PUT /upload/", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task Pull_restores_a_fresh_workspace_and_then_transfers_nothing()
    {
        var paths = new[] { "artifacts/daily/download/train.parquet", "artifacts/daily/train/model.txt", "stamps/daily/download.json", "stamps/daily/train.json" };
        foreach (var p in paths)
        {
            Write(first, p, "bytes of " + p);
        }

        var sync = new WorkspaceSync(store);
        await sync.PushAsync(first.Path, paths, CancellationToken.None);

        var pulled = await sync.PullAsync(second.Path, "daily", CancellationToken.None);
        var again = await sync.PullAsync(second.Path, "daily", CancellationToken.None);

        pulled.Transferred.ShouldBe(paths);
        foreach (var p in paths)
        {
            File.ReadAllText(second.File(p)).ShouldBe("bytes of " + p);
        }

        again.Transferred.ShouldBeEmpty();
        again.UpToDate.ShouldBe(4);
        again.Bytes.ShouldBe(0);
    }

    [Fact]
    public async Task Pull_replaces_only_what_differs_and_leaves_other_pipelines_alone()
    {
        var sync = new WorkspaceSync(store);
        Write(first, "artifacts/daily/train/model.txt", "model v2");
        Write(first, "stamps/daily/train.json", "{\"fingerprint\":\"b\"}");
        Write(first, "artifacts/weekly/train/model.txt", "weekly");
        await sync.PushAsync(first.Path, ["artifacts/daily/train/model.txt", "stamps/daily/train.json", "artifacts/weekly/train/model.txt"], CancellationToken.None);
        Write(second, "artifacts/daily/train/model.txt", "model v1");
        Write(second, "stamps/daily/train.json", "{\"fingerprint\":\"b\"}");
        Write(second, "artifacts/daily/local-only.txt", "mine");

        var result = await sync.PullAsync(second.Path, "daily", CancellationToken.None);

        result.Transferred.ShouldBe(["artifacts/daily/train/model.txt"]);
        result.UpToDate.ShouldBe(1);
        File.ReadAllText(second.File("artifacts/daily/train/model.txt")).ShouldBe("model v2");
        File.Exists(second.File("artifacts/weekly/train/model.txt")).ShouldBeFalse();
        File.ReadAllText(second.File("artifacts/daily/local-only.txt")).ShouldBe("mine");
    }

    [Fact]
    public async Task Push_skips_files_the_store_already_holds()
    {
        var sync = new WorkspaceSync(store);
        Write(first, "artifacts/daily/a.txt", "same");
        Write(first, "artifacts/daily/b.txt", "old");
        await sync.PushAsync(first.Path, ["artifacts/daily/a.txt", "artifacts/daily/b.txt"], CancellationToken.None);
        Write(first, "artifacts/daily/b.txt", "new!");

        var result = await sync.PushAsync(first.Path, ["artifacts/daily/a.txt", "artifacts/daily/b.txt"], CancellationToken.None);

        result.Transferred.ShouldBe(["artifacts/daily/b.txt"]);
        result.UpToDate.ShouldBe(1);
        result.Bytes.ShouldBe(4);
    }

    [Fact]
    public async Task A_path_outside_the_workspace_is_refused_with_NP6752()
    {
        var ex = await Should.ThrowAsync<StorageException>(() => new WorkspaceSync(store).PushAsync(first.Path, ["../secrets.txt"], CancellationToken.None));

        ex.Code.ShouldBe("NP6752");
        ex.Message.ShouldBe("The workspace path '../secrets.txt' is not a relative slash-separated path inside the store. Use a path such as 'artifacts/daily/train/model.txt' without '..', '.' or empty segments.");
    }

    [Fact]
    public async Task A_missing_local_file_fails_the_push_with_NP6753_before_the_stamp_goes_up()
    {
        Write(first, "stamps/daily/train.json", "{}");

        var ex = await Should.ThrowAsync<StorageException>(() => new WorkspaceSync(store).PushAsync(first.Path, ["artifacts/daily/train/model.txt", "stamps/daily/train.json"], CancellationToken.None));

        ex.Code.ShouldBe("NP6753");
        ex.Message.ShouldBe($"Cannot upload 'artifacts/daily/train/model.txt' in {store.Location}: the file is not in the workspace {first.Path}. Push only files the stage wrote.");
        server.Count("np-bucket").ShouldBe(0);
    }

    [Fact]
    public async Task A_stamp_missing_locally_is_removed_from_the_store()
    {
        var sync = new WorkspaceSync(store);
        Write(first, "stamps/daily/notify.json", "{}");
        await sync.PushAsync(first.Path, ["stamps/daily/notify.json"], CancellationToken.None);
        File.Delete(first.File("stamps/daily/notify.json"));

        var result = await sync.PushAsync(first.Path, ["stamps/daily/notify.json"], CancellationToken.None);

        result.Transferred.ShouldBeEmpty();
        server.Content("np-bucket", "ws/stamps/daily/notify.json").ShouldBeNull();
    }

    private static void Write(TempWorkspace workspace, string relative, string content)
    {
        var path = workspace.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
