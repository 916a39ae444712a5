using NumeraiPipeline.GcsStandIn;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Storage.Tests;

public sealed class RemoteStoresTests
{
    [Theory]
    [InlineData("gs://Bad_Bucket/x")]
    [InlineData("gs:///x")]
    [InlineData("gs://ok-bucket/a/../b")]
    public void A_bad_gs_uri_is_NP6751_or_NP6752(string uri)
    {
        var ex = Should.Throw<StorageException>(() => RemoteStores.Create(uri, new RemoteStoreOptions { Endpoint = "http://127.0.0.1:9" }));

        ex.Code.ShouldBeOneOf("NP6751", "NP6752");
    }

    [Fact]
    public void An_unknown_scheme_is_NP6751()
    {
        var ex = Should.Throw<StorageException>(() => RemoteStores.Create("s3://bucket/x"));

        ex.Code.ShouldBe("NP6751");
        ex.Message.ShouldBe("The store URI 's3://bucket/x' is not supported. Use gs://BUCKET/PREFIX for Google Cloud Storage (a bucket of 3-63 lower-case letters, digits, '-', '_' or '.'), or file:///PATH or a directory path for a local or mounted folder.");
    }

    [Fact]
    public void A_bad_bucket_name_is_NP6751_naming_it()
    {
        var ex = Should.Throw<StorageException>(() => RemoteStores.Create("gs://Bad_Bucket/x", new RemoteStoreOptions { Endpoint = "http://127.0.0.1:9" }));

        ex.Code.ShouldBe("NP6751");
        ex.Message.ShouldBe("The store URI 'gs://Bad_Bucket/x' has no valid bucket name ('Bad_Bucket'). Use gs://BUCKET/PREFIX for Google Cloud Storage (a bucket of 3-63 lower-case letters, digits, '-', '_' or '.'), or file:///PATH or a directory path for a local or mounted folder.");
    }

    [Fact]
    public void A_password_in_an_unsupported_uri_is_not_repeated()
    {
        var ex = Should.Throw<StorageException>(() => RemoteStores.Create("https://ci:s3cr3t-t0ken@store.example/runs"));

        ex.Code.ShouldBe("NP6751");
        ex.Message.ShouldBe("The store URI 'https://***@store.example/runs' is not supported. Use gs://BUCKET/PREFIX for Google Cloud Storage (a bucket of 3-63 lower-case letters, digits, '-', '_' or '.'), or file:///PATH or a directory path for a local or mounted folder.");
    }

    [Fact]
    public void A_plain_path_is_a_directory_store()
    {
        using var temp = new TempWorkspace();

        var store = RemoteStores.Create(temp.File("store"));

        store.ShouldBeOfType<ResilientRemoteStore>().Inner.ShouldBeOfType<LocalDirectoryStore>().Root.ShouldBe(temp.File("store"));
    }

    [Fact]
    public async Task STORAGE_EMULATOR_HOST_points_the_gcs_client_at_the_emulator()
    {
        await using var server = await FakeGcsServer.StartAsync("emu-bucket");
        using var temp = new TempWorkspace();
        File.WriteAllText(temp.File("f"), "via env");
        var environment = new Dictionary<string, string> { ["STORAGE_EMULATOR_HOST"] = server.Endpoint.Replace("http://", "", StringComparison.Ordinal) };

        var store = RemoteStores.Create("gs://emu-bucket/p", new RemoteStoreOptions { Environment = environment.GetValueOrDefault });
        await store.UploadAsync(temp.File("f"), "k.txt", CancellationToken.None);

        server.Content("emu-bucket", "p/k.txt").ShouldBe("via env"u8.ToArray());
    }
}
