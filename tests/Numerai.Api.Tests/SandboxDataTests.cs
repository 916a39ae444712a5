using NumeraiPipeline.Numerai.Data;

namespace NumeraiPipeline.Numerai.Api.Tests;

public sealed class SandboxDataTests
{
    [Fact]
    public async Task Generated_dataset_is_listed_and_each_round_has_its_own_live_file()
    {
        await using var s = await SyntheticSandbox.StartAsync(state: null);
        using var client = new NumeraiClient(new NumeraiClientOptions { Endpoint = s.Server.Url });
        var files = await client.ListDatasetsAsync();
        files.ShouldContain("v5.2/meta_model.parquet");
        files.ShouldContain("v5.2/validation_benchmark_models.parquet");
        files.ShouldNotContain(f => f.Contains("live_1", StringComparison.Ordinal));
        var round1000 = await s.LiveIdsAsync();
        s.Time.Advance(TimeSpan.FromDays(1));
        var round1001 = await s.LiveIdsAsync();
        round1001.Intersect(round1000).ShouldBeEmpty();
        var features = s.Workspace.File("features.json");
        await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/features.json"), features);
        FeatureMetadata.Load(features).Resolve("all").Count.ShouldBe(8);
    }
}
