using NumeraiPipeline.Plugins.MlNet;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;
using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.MlNet.Tests;

/// <summary>FastTree itself refusing the data (not our checks) is NP6125, with ML.NET's reason and the file.</summary>
public sealed class FastTreeFailureTests : IDisposable
{
    private readonly TempWorkspace ws = new();

    public void Dispose() => ws.Dispose();

    [Fact]
    public async Task Data_whose_every_feature_is_missing_fails_training_with_NP6125()
    {
        // labelled rows whose feature values are all null: our checks pass (the columns exist, the targets have values),
        // and FastTree finds no row it can use
        var path = ws.File("allnull.parquet");
        const int Rows = 200;
        var id = new DataField<string>("id");
        var era = new DataField<string>("era");
        var f1 = new DataField<sbyte?>("feature_a");
        var f2 = new DataField<sbyte?>("feature_b");
        var target = new DataField<double>("target");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, era, f1, f2, target), stream))
        {
            using var rg = writer.CreateRowGroup();
            await rg.WriteAsync(id, Enumerable.Range(0, Rows).Select(i => $"n{i:x15}").ToArray());
            await rg.WriteAsync(era, Enumerable.Range(0, Rows).Select(i => $"{1 + (i / 20):0000}").ToArray());
            await rg.WriteAsync<sbyte>(f1, new sbyte?[Rows].AsMemory());
            await rg.WriteAsync<sbyte>(f2, new sbyte?[Rows].AsMemory());
            await rg.WriteAsync<double>(target, Enumerable.Range(0, Rows).Select(i => (i % 5) / 4.0).ToArray());
        }

        var ex = await Should.ThrowAsync<StageException>(() => new MlNetTrainStage().RunAsync(new TestStageContext(ws.Path, "train"), new MlNetTrainOptions
        {
            Data = new ArtifactRef(path),
            NumThreads = 1,
        }, CancellationToken.None));

        ex.Code.ShouldBe("NP6125");
        ex.Message.ShouldBe("mlnet.train: FastTree training failed on allnull.parquet: All instances skipped due to missing features. Check the parameters and the data.");
        ex.ExitCode.ShouldBe(1);
    }
}
