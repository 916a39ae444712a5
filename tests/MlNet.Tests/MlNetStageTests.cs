using System.Text.Json;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.MlNet;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.MlNet.Tests;

public sealed class MlNetStageTests : IDisposable
{
    private readonly TempWorkspace ws = new();

    public void Dispose() => ws.Dispose();

    private async Task<string> SyntheticAsync()
    {
        var summary = await SyntheticDataset.WriteAsync(new SyntheticDatasetOptions
        {
            TrainRows = 6000,
            TrainEras = 30,
            ValidationEras = 10,
            UnlabelledValidationEras = 1,
            FeatureCount = 24,
            LiveRows = 100,
            Seed = 3,
            SignalStrength = 0.4,
            RowGroupRows = 1000,
        }, ws.Path);
        return summary.Directory;
    }

    private static Dictionary<string, JsonElement> Params(int trees) => new()
    {
        ["number_of_trees"] = JsonSerializer.SerializeToElement(trees),
        ["number_of_leaves"] = JsonSerializer.SerializeToElement(8),
        ["learning_rate"] = JsonSerializer.SerializeToElement(0.05),
        ["minimum_example_count_per_leaf"] = JsonSerializer.SerializeToElement("50"),
    };

    [Fact]
    public async Task Train_then_predict_validation_has_positive_per_era_correlation()
    {
        var dir = await SyntheticAsync();
        var train = new TestStageContext(ws.Path, "train");
        var result = await new MlNetTrainStage().RunAsync(train, new MlNetTrainOptions
        {
            Data = new ArtifactRef(Path.Combine(dir, "train.parquet")),
            Features = new ArtifactRef(Path.Combine(dir, "features.json")),
            FeatureSet = "all",
            Params = Params(60),
            NumThreads = 1,
        }, CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Succeeded);
        var modelPath = train.TestOutputs.Files["model"];
        Path.GetFileName(modelPath).ShouldBe("model.zip");
        var info = JsonDocument.Parse(File.ReadAllText(train.TestOutputs.Files["model_info"])).RootElement;
        info.GetProperty("features").GetArrayLength().ShouldBe(24);
        info.GetProperty("target").GetString().ShouldBe("target");
        info.GetProperty("params").GetProperty("number_of_trees").GetString().ShouldBe("60");
        info.GetProperty("training_data").GetProperty("rows").GetInt32().ShouldBe(6000);
        info.GetProperty("training_data").GetProperty("sha256").GetString()!.Length.ShouldBe(64);
        train.SummaryValues["rows"].ShouldBe("6000");

        var predict = new TestStageContext(ws.Path, "predict");
        (await new MlNetPredictStage().RunAsync(predict, new MlNetPredictOptions
        {
            Model = new ArtifactRef(modelPath),
            Data = new ArtifactRef(Path.Combine(dir, "validation.parquet")),
        }, CancellationToken.None)).Status.ShouldBe(StageResultStatus.Succeeded);

        var predictions = PredictionsFile.Read(predict.TestOutputs.Files["predictions"]);
        var csv = PredictionsFile.Read(predict.TestOutputs.Files["csv"]);
        csv.Ids.ShouldBe(predictions.Ids);
        csv.Values.ShouldBe(predictions.Values);
        File.ReadLines(predict.TestOutputs.Files["csv"]).First().ShouldBe("id,prediction");

        using var reader = NumeraiParquetReader.Open(Path.Combine(dir, "validation.parquet"));
        var validation = reader.ReadAll(new ReadSpec { Target = "target" });
        predictions.Ids.ShouldBe(validation.Ids);
        var perEra = new List<double>();
        foreach (var era in Enumerable.Range(0, validation.RowCount).Where(i => !float.IsNaN(validation.Target![i])).GroupBy(i => validation.Eras[i]))
        {
            var rows = era.ToArray();
            perEra.Add(Pearson(rows.Select(r => predictions.Values[r]).ToArray(), rows.Select(r => (double)validation.Target![r]).ToArray()));
        }

        perEra.Count.ShouldBe(9);
        perEra.Average().ShouldBeGreaterThan(0.05);
    }

    [Fact]
    public async Task Ranked_live_predictions_are_in_unit_interval()
    {
        var dir = await SyntheticAsync();
        var train = new TestStageContext(ws.Path, "train");
        await new MlNetTrainStage().RunAsync(train, new MlNetTrainOptions
        {
            Data = new ArtifactRef(Path.Combine(dir, "train.parquet")),
            Params = Params(10),
            EraStride = 3,
        }, CancellationToken.None);
        JsonDocument.Parse(File.ReadAllText(train.TestOutputs.Files["model_info"])).RootElement
            .GetProperty("training_data").GetProperty("eras").GetInt32().ShouldBe(10);

        var predict = new TestStageContext(ws.Path, "predict");
        await new MlNetPredictStage().RunAsync(predict, new MlNetPredictOptions
        {
            Model = new ArtifactRef(train.TestOutputs.Files["model"]),
            Data = new ArtifactRef(Path.Combine(dir, "live.parquet")),
            Rank = true,
        }, CancellationToken.None);

        var p = PredictionsFile.Read(predict.TestOutputs.Files["csv"]);
        p.Count.ShouldBe(100);
        p.Values.ShouldAllBe(v => v > 0 && v <= 1);
        p.Values.Max().ShouldBe(1.0);
    }

    [Fact]
    public async Task Bad_inputs_give_coded_errors()
    {
        var dir = await SyntheticAsync();
        var context = new TestStageContext(ws.Path, "train");
        var unknown = await Should.ThrowAsync<StageException>(() => new MlNetTrainStage().RunAsync(context, new MlNetTrainOptions
        {
            Data = new ArtifactRef(Path.Combine(dir, "train.parquet")),
            Params = new() { ["number_of_tree"] = JsonSerializer.SerializeToElement(5) },
        }, CancellationToken.None));
        unknown.Code.ShouldBe("NP6122");
        unknown.Message.ShouldStartWith("mlnet.train: params: ");
        unknown.Message.ShouldContain("Did you mean 'number_of_trees'?");
        unknown.ExitCode.ShouldBe(2);

        var set = await Should.ThrowAsync<StageException>(() => new MlNetTrainStage().RunAsync(context, new MlNetTrainOptions
        {
            Data = new ArtifactRef(Path.Combine(dir, "train.parquet")),
            Features = new ArtifactRef(Path.Combine(dir, "features.json")),
            FeatureSet = "smal",
        }, CancellationToken.None));
        set.Code.ShouldBe("NP6603");

        var target = await Should.ThrowAsync<StageException>(() => new MlNetTrainStage().RunAsync(context, new MlNetTrainOptions
        {
            Data = new ArtifactRef(Path.Combine(dir, "train.parquet")),
            Target = "target_nomi_20",
        }, CancellationToken.None));
        target.Code.ShouldBe("NP6602");

        var notModel = await Should.ThrowAsync<StageException>(() => new MlNetPredictStage().RunAsync(context, new MlNetPredictOptions
        {
            Model = new ArtifactRef(Path.Combine(dir, "features.json")),
            Data = new ArtifactRef(Path.Combine(dir, "live.parquet")),
        }, CancellationToken.None));
        notModel.Code.ShouldBe("NP6124");
        notModel.Message.ShouldStartWith("mlnet.predict: cannot load the model features.json: ");
        notModel.Message.ShouldEndWith(". Point 'model' at model.zip of mlnet.train.");
        notModel.ExitCode.ShouldBe(2);
        context.TestOutputs.Files.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_conditions_every_model_stage_shares_have_the_codes_of_lightgbm()
    {
        var dir = await SyntheticAsync();
        var context = new TestStageContext(ws.Path, "train");
        var bare = Path.Combine(ws.Path, "bare.parquet");
        PredictionsFile.WriteParquet(bare, ["a", "b"], [0.1, 0.2]);
        var noFeatures = await Should.ThrowAsync<StageException>(() => new MlNetTrainStage().RunAsync(context, new MlNetTrainOptions { Data = new ArtifactRef(bare) }, CancellationToken.None));
        noFeatures.Code.ShouldBe("NP6103");
        noFeatures.Message.ShouldBe("mlnet.train: no features.json given and bare.parquet has no 'feature_*' columns. Set 'features' to the dataset's features.json and 'feature_set' to one of its sets.");
        noFeatures.ExitCode.ShouldBe(2);

        var noRows = await Should.ThrowAsync<StageException>(() => new MlNetTrainStage().RunAsync(context, new MlNetTrainOptions
        {
            Data = new ArtifactRef(Path.Combine(dir, "train.parquet")),
            DataType = "nothing_like_this",
            EraStride = 2,
        }, CancellationToken.None));
        noRows.Code.ShouldBe("NP6106");
        noRows.Message.ShouldBe("mlnet.train: no labelled rows left in train.parquet after era_stride=2 and data_type=nothing_like_this. Check the file, the target 'target' and the filters.");

        // a model's feature the data lacks: NP6602 naming it, as lightgbm.predict says
        var trained = new TestStageContext(ws.Path, "small");
        await new MlNetTrainStage().RunAsync(trained, new MlNetTrainOptions
        {
            Data = new ArtifactRef(Path.Combine(dir, "train.parquet")),
            Features = new ArtifactRef(Path.Combine(dir, "features.json")),
            FeatureSet = "all",
            Params = Params(2),
        }, CancellationToken.None);
        var missing = await Should.ThrowAsync<StageException>(() => new MlNetPredictStage().RunAsync(new TestStageContext(ws.Path, "p"), new MlNetPredictOptions
        {
            Model = new ArtifactRef(trained.TestOutputs.Files["model"]),
            Data = new ArtifactRef(bare),
        }, CancellationToken.None));
        missing.Code.ShouldBe("NP6602");
        missing.Message.ShouldStartWith("the model model.zip was trained on columns the data lacks: ");
        missing.Message.ShouldContain("lacks 24 column(s) the read needs: 'feature_");
        missing.Message.ShouldEndWith("Predict with data of the dataset version the model was trained on, or retrain on the current features.");
        missing.ExitCode.ShouldBe(2);
    }

    private static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return sab / Math.Sqrt(saa * sbb);
    }
}
