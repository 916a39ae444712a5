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

    [Fact]
    public async Task Scores_appear_the_day_after_staking_closes()
    {
        await using var s = await SyntheticSandbox.StartAsync(state: null);
        using var client = new NumeraiClient(new NumeraiClientOptions { Endpoint = s.Server.Url, Credentials = SyntheticSandbox.Keys });
        var example = s.Workspace.File("example.parquet");
        await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/live_example_preds.parquet"), example);
        var predictions = PredictionsFile.Read(example);
        var csv = s.Workspace.File("example.csv");
        PredictionsFile.WriteCsv(csv, predictions.Ids, predictions.Values);
        var modelId = s.Server.ModelIds["demo_model"];
        var auth = await client.GetSubmissionUploadAuthAsync("example.csv", modelId);
        await client.UploadFileAsync(auth.Url, csv);
        var id = await client.CreateSubmissionAsync(auth.Filename, modelId);

        (await client.GetSubmissionScoresAsync(modelId)).ShouldBeEmpty();
        s.Time.Advance(TimeSpan.FromDays(2));
        var score = (await client.GetSubmissionScoresAsync(modelId, lastNRounds: 5)).ShouldHaveSingleItem();
        score.SubmissionId.ShouldBe(id);
        score.RoundNumber.ShouldBe(1000);
        score.DisplayName.ShouldBe("corr_w_example_preds");
        score.Value!.Value.ShouldBeGreaterThan(0.9);
        score.Day.ShouldBe(1);
        score.Resolved.ShouldBeFalse();
        (await client.GetSubmissionScoresAsync(modelId, lastNRounds: 1)).ShouldBeEmpty();
    }
}
