using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.MlNet;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;
using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.MlNet.Tests;

public sealed class EnsembleStageTests : IDisposable
{
    private readonly TempWorkspace ws = new();

    public void Dispose() => ws.Dispose();

    private async Task<string> DataAsync()
    {
        var path = ws.File("data.parquet");
        var id = new DataField<string>("id");
        var era = new DataField<string>("era");
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, era), stream);
        using var rg = writer.CreateRowGroup();
        await rg.WriteAsync(id, new[] { "a", "b", "c", "d", "e", "f" });
        await rg.WriteAsync(era, new[] { "0001", "0001", "0001", "0002", "0002", "0002" });
        return path;
    }

    [Fact]
    public async Task Weighted_per_era_rank_mean_by_hand()
    {
        var data = await DataAsync();
        // Member 1 (parquet, other row order): era 1 ranks a=1/3, b=2/3, c=1; era 2 d=e tie (1.5/3 each), f=1/3.
        PredictionsFile.WriteParquet(ws.File("p1.parquet"), ["f", "e", "d", "c", "b", "a"], [0.1, 0.7, 0.7, 0.9, 0.5, 0.2]);
        // Member 2 (CSV): era 1 a=1, b=1/3, c=2/3; era 2 d=1/3, e=2/3, f=1.
        PredictionsFile.WriteCsv(ws.File("p2.csv"), ["a", "b", "c", "d", "e", "f", "zzz"], [3, 1, 2, -5, 0, 5, 9]);

        var context = new TestStageContext(ws.Path, "ens");
        var result = await new EnsembleStage().RunAsync(context, new EnsembleOptions
        {
            Predictions = [new ArtifactRef(ws.File("p1.parquet")), new ArtifactRef(ws.File("p2.csv"))],
            Weights = [1, 3],
            Data = new ArtifactRef(data),
        }, CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Succeeded);
        var output = PredictionsFile.Read(context.TestOutputs.Files["predictions"]);
        output.Ids.ShouldBe(["a", "b", "c", "d", "e", "f"]);
        double[] expected =
        [
            (0.25 * 1 / 3.0) + (0.75 * 1),
            (0.25 * 2 / 3.0) + (0.75 * 1 / 3.0),
            (0.25 * 1) + (0.75 * 2 / 3.0),
            (0.25 * 2.5 / 3.0) + (0.75 * 1 / 3.0),
            (0.25 * 2.5 / 3.0) + (0.75 * 2 / 3.0),
            (0.25 * 1 / 3.0) + (0.75 * 1),
        ];
        for (var i = 0; i < expected.Length; i++)
        {
            output.Values[i].ShouldBe(expected[i], 1e-12);
        }

        PredictionsFile.Read(context.TestOutputs.Files["csv"]).Values.ShouldBe(output.Values);
        using var reader = NumeraiParquetReader.Open(context.TestOutputs.Files["predictions"]);
        reader.ReadStringColumn("era").ShouldBe(["0001", "0001", "0001", "0002", "0002", "0002"]);
    }

    [Fact]
    public async Task Equal_weights_by_default_and_errors_are_coded()
    {
        var data = await DataAsync();
        PredictionsFile.WriteCsv(ws.File("p1.csv"), ["a", "b", "c", "d", "e", "f"], [1, 2, 3, 1, 2, 3]);
        PredictionsFile.WriteCsv(ws.File("p2.csv"), ["a", "b", "c", "d", "e", "f"], [3, 2, 1, 3, 2, 1]);
        PredictionsFile.WriteCsv(ws.File("short.csv"), ["a", "b", "c"], [1, 2, 3]);
        var context = new TestStageContext(ws.Path, "ens");

        await new EnsembleStage().RunAsync(context, new EnsembleOptions
        {
            Predictions = [new ArtifactRef(ws.File("p1.csv")), new ArtifactRef(ws.File("p2.csv"))],
            Data = new ArtifactRef(data),
        }, CancellationToken.None);
        PredictionsFile.Read(context.TestOutputs.Files["csv"]).Values.ShouldAllBe(v => Math.Abs(v - (2 / 3.0)) < 1e-12);

        var missing = await Should.ThrowAsync<StageException>(() => new EnsembleStage().RunAsync(context, new EnsembleOptions
        {
            Predictions = [new ArtifactRef(ws.File("p1.csv")), new ArtifactRef(ws.File("short.csv"))],
            Data = new ArtifactRef(data),
        }, CancellationToken.None));
        missing.Code.ShouldBe("NP6132");
        missing.Message.ShouldStartWith("ensemble: short.csv has no (or a NaN) prediction for 3 of the 6 ids of ");
        missing.Message.ShouldEndWith(". Predict the same data file with every member (and the same data_type filter).");
        missing.ExitCode.ShouldBe(1);

        var weights = await Should.ThrowAsync<StageException>(() => new EnsembleStage().RunAsync(context, new EnsembleOptions
        {
            Predictions = [new ArtifactRef(ws.File("p1.csv")), new ArtifactRef(ws.File("p2.csv"))],
            Weights = [1],
            Data = new ArtifactRef(data),
        }, CancellationToken.None));
        weights.Code.ShouldBe("NP6131");
        weights.Message.ShouldBe("ensemble: 1 weights for 2 prediction files. Give one weight per file, in the same order, or none for equal weights.");
        weights.ExitCode.ShouldBe(2);

        var none = await Should.ThrowAsync<StageException>(() => new EnsembleStage().RunAsync(context, new EnsembleOptions { Data = new ArtifactRef(data) }, CancellationToken.None));
        none.Code.ShouldBe("NP6131");
        none.Message.ShouldBe("ensemble: 'predictions' is empty. List at least one prediction file.");

        var negative = await Should.ThrowAsync<StageException>(() => new EnsembleStage().RunAsync(context, new EnsembleOptions
        {
            Predictions = [new ArtifactRef(ws.File("p1.csv")), new ArtifactRef(ws.File("p2.csv"))],
            Weights = [1, -0.5],
            Data = new ArtifactRef(data),
        }, CancellationToken.None));
        negative.Message.ShouldBe("ensemble: weights must be finite, non-negative and not all zero (got 1, -0.5). Fix 'weights', or remove it for equal weights.");

        var noData = await Should.ThrowAsync<StageException>(() => new EnsembleStage().RunAsync(context, new EnsembleOptions { Predictions = [new ArtifactRef(ws.File("p1.csv"))] }, CancellationToken.None));
        noData.Code.ShouldBe("NP6110");
        noData.Message.ShouldBe("ensemble: option 'data' is required. Set it to the Numerai parquet the predictions were made for.");
        noData.ExitCode.ShouldBe(2);
    }
}
