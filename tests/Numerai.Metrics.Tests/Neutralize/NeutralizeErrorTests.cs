using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.Numerai.Metrics;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace Numerai.Metrics.Tests.Neutralize;

/// <summary>The run-time codes of numerai.neutralize (NP6230..NP6233), each with its text.</summary>
public sealed class NeutralizeErrorTests
{
    [Fact]
    public async Task NP6230_predictions_for_ids_the_data_lacks()
    {
        using var ws = new TempWorkspace();
        var files = await NeutralizeSample.Create(seed: 31).WriteAsync(ws.Path);
        var csv = Path.Combine(ws.Path, "extra.csv");
        await File.WriteAllTextAsync(csv, "id,prediction\nnotinthedata1,0.5\nnotinthedata2,0.25\n");

        var ex = await Should.ThrowAsync<StageException>(() => Run(ws, csv, files.Data, files.FeaturesJson));

        ex.Code.ShouldBe("NP6230");
        ex.Message.ShouldBe("2 of the 2 prediction ids are not in the data file 'validation.parquet' (e.g. notinthedata1, notinthedata2), so their features are unknown. Neutralize predictions against the data they were made for (validation.parquet for validation predictions, live.parquet for live ones).");
    }

    [Fact]
    public async Task NP6231_an_era_whose_rows_are_split_by_another()
    {
        using var ws = new TempWorkspace();
        var sample = NeutralizeSample.Create(seed: 32);
        var n = sample.Ids.Length;

        // the first data row (era 0001) moved to the end, after every other era
        var order = Enumerable.Range(1, n - 1).Append(0).ToArray();
        var files = await sample.WithDataOrder(order).WriteAsync(ws.Path);

        var ex = await Should.ThrowAsync<StageException>(() => Run(ws, files.Predictions, files.Data, files.FeaturesJson));

        ex.Code.ShouldBe("NP6231");
        ex.Message.ShouldBe($"data file 'validation.parquet': era '0001' appears again at row {n}, after rows of other eras. The stage reads one era at a time and needs each era's rows together: sort the file by era (Numerai's files are).");
    }

    [Fact]
    public async Task NP6232_an_id_twice_in_the_predictions()
    {
        using var ws = new TempWorkspace();
        var sample = NeutralizeSample.Create(seed: 33);
        var files = await sample.WriteAsync(ws.Path);
        var id = sample.Ids[sample.PredictionRows[0]];
        var csv = Path.Combine(ws.Path, "twice.csv");
        await File.WriteAllTextAsync(csv, $"id,prediction\n{id},0.5\n{id},0.25\n");

        var ex = await Should.ThrowAsync<StageException>(() => Run(ws, csv, files.Data, files.FeaturesJson));

        ex.Code.ShouldBe("NP6232");
        ex.Message.ShouldBe($"id '{id}' appears more than once in the predictions file 'twice.csv'. Give each id one row (Numerai keeps the first of duplicates).");
    }

    [Fact]
    public async Task NP6233_a_missing_feature_value()
    {
        using var ws = new TempWorkspace();
        var sample = NeutralizeSample.Create(seed: 34);
        var row = sample.PredictionRows[0];
        sample.Features[row][sample.FeatureNames.Length - 1] = DataBlock.MissingFeature;
        var files = await sample.WriteAsync(ws.Path);

        var ex = await Should.ThrowAsync<StageException>(() => Run(ws, files.Predictions, files.Data, files.FeaturesJson, "all"));

        ex.Code.ShouldBe("NP6233");
        ex.Message.ShouldBe($"data file 'validation.parquet': feature '{sample.FeatureNames[^1]}' is missing in era '{sample.Eras[row]}'. Neutralization needs every feature value as a small integer (0..127, as Numerai's 0..4): fill missing features (Numerai uses 2) or neutralize against other columns.");
    }

    private static async Task Run(TempWorkspace ws, string predictions, string data, string featuresJson, string set = "small")
    {
        await using var context = new TestStageContext(ws.Path, "neutralize");
        await new NeutralizeStage().RunAsync(context, new NeutralizeOptions
        {
            Predictions = new ArtifactRef(predictions),
            Data = new ArtifactRef(data),
            Features = new ArtifactRef(featuresJson),
            FeatureSet = set,
            Parallelism = 1,
        }, CancellationToken.None);
    }
}
