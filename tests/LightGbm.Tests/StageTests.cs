using System.Globalization;
using System.Text.Json;
using NumeraiPipeline.Plugins.LightGbm;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;
using Parquet;

namespace NumeraiPipeline.LightGbm.Tests;

public sealed class StageTests : IDisposable
{
    private readonly TempWorkspace ws = new();

    public void Dispose() => ws.Dispose();

    private static Dictionary<string, JsonElement> SmallParams(int trees = 60) => new()
    {
        ["n_estimators"] = JsonSerializer.SerializeToElement(trees),
        ["learning_rate"] = JsonSerializer.SerializeToElement(0.1),
        ["max_depth"] = JsonSerializer.SerializeToElement(4),
        ["num_leaves"] = JsonSerializer.SerializeToElement(15),
        ["colsample_bytree"] = JsonSerializer.SerializeToElement(0.5),
    };

    private async Task<(string Train, string Valid, string Features, SyntheticData ValidData)> WriteDataAsync()
    {
        var train = new SyntheticData(3000, 12, seed: 21);
        var valid = new SyntheticData(1200, 12, seed: 22);
        await NumeraiParquetFixture.WriteAsync(ws.File("train.parquet"), train, eras: 20, rowGroups: 3);
        await NumeraiParquetFixture.WriteAsync(ws.File("validation.parquet"), valid, eras: 6, rowGroups: 2, idPrefix: "v");
        NumeraiParquetFixture.WriteFeaturesJson(ws.File("features.json"), new Dictionary<string, IReadOnlyList<string>>
        {
            ["small"] = train.Names[..6],
            ["all"] = train.Names,
            ["drifted"] = [.. train.Names[..4], "feature_not_in_file", "feature_also_gone"],
        });
        return (ws.File("train.parquet"), ws.File("validation.parquet"), ws.File("features.json"), valid);
    }

    private async Task<TestStageContext> TrainAsync(TrainOptions options, string id = "train")
    {
        var context = new TestStageContext(ws.Path, id);
        var result = await new TrainStage().RunAsync(context, options, CancellationToken.None);
        result.Status.ShouldBe(StageResultStatus.Succeeded);
        return context;
    }

    [Fact]
    public async Task Train_then_predict_validation_end_to_end()
    {
        var (train, valid, features, validData) = await WriteDataAsync();
        var trained = await TrainAsync(new TrainOptions
        {
            Data = new ArtifactRef(train),
            Features = new ArtifactRef(features),
            FeatureSet = "all",
            Params = SmallParams(200),
            Valid = new ArtifactRef(valid),
            EarlyStoppingRounds = 20,
            NumThreads = 2,
            Seed = 1,
            ProgressEvery = 10,
        });
        var modelPath = trained.TestOutputs.Files["model"];
        Path.GetFileName(modelPath).ShouldBe("model.txt");
        File.ReadAllText(modelPath).ShouldStartWith("tree\n");
        var info = LightGbmModelInfo.FromJson(File.ReadAllText(trained.TestOutputs.Files["model_info"]));
        Path.GetDirectoryName(trained.TestOutputs.Files["model_info"]).ShouldBe(Path.GetDirectoryName(modelPath));
        info.Features.Count.ShouldBe(12);
        info.Target.ShouldBe("target");
        info.LightgbmVersion.ShouldBe("4.6.0");
        info.Params["num_iterations"].ShouldBe("200");
        info.Params["feature_fraction"].ShouldBe("0.5");
        info.Params["bin_construct_sample_cnt"].ShouldBe("50000");
        info.Params["deterministic"].ShouldBe("true");
        info.TrainingData.Rows.ShouldBe(3000);
        info.TrainingData.Eras.ShouldBe(20);
        info.TrainingData.Sha256.Length.ShouldBe(64);
        info.ValidMetric.ShouldBe("l2");
        info.Iterations.ShouldBeLessThan(200);
        trained.ProgressReports.ShouldContain(p => p.Unit == "iterations");

        var predicted = new TestStageContext(ws.Path, "predict");
        var result = await new PredictStage().RunAsync(predicted, new PredictOptions { Model = new ArtifactRef(modelPath), Data = new ArtifactRef(valid), NumThreads = 2 }, CancellationToken.None);
        result.Status.ShouldBe(StageResultStatus.Succeeded);

        var (ids, values, eras) = await CvParquet.ReadPredictionsAsync(predicted.TestOutputs.Files["predictions"]);
        ids.Length.ShouldBe(1200);
        await using (var file = File.OpenRead(predicted.TestOutputs.Files["predictions"]))
        {
            // the shared predictions file: pandas reads id back as the index, as from pyarrow
            await using var parquet = await ParquetReader.CreateAsync(file);
            parquet.CustomMetadata["pandas"].ShouldContain("\"index_columns\": [\"id\"]");
        }

        ids[0].ShouldBe("v000000000000000");
        eras.ShouldNotBeNull();
        eras![0].ShouldBe("0001");
        Stats.Pearson(values, validData.Labels).ShouldBeGreaterThan(0.3);

        // the CSV holds the same doubles, bit for bit
        var lines = File.ReadAllLines(predicted.TestOutputs.Files["csv"]);
        lines[0].ShouldBe("id,prediction");
        lines.Length.ShouldBe(1201);
        for (var i = 0; i < ids.Length; i++)
        {
            var parts = lines[i + 1].Split(',');
            parts[0].ShouldBe(ids[i]);
            BitConverter.DoubleToInt64Bits(double.Parse(parts[1], CultureInfo.InvariantCulture)).ShouldBe(BitConverter.DoubleToInt64Bits(values[i]));
        }
    }

    [Fact]
    public async Task Streaming_the_parquet_file_twice_gives_the_same_model_as_keeping_it_in_memory()
    {
        // resident_limit_mb 0: the int8 rows are never resident; the reader reuses one block array for every row
        // group, so this also proves nothing keeps a block after asking for the next
        var (train, valid, features, _) = await WriteDataAsync();
        TrainOptions Options(int residentLimitMb) => new()
        {
            Data = new ArtifactRef(train),
            Features = new ArtifactRef(features),
            FeatureSet = "all",
            Params = SmallParams(30),
            Valid = new ArtifactRef(valid),
            NumThreads = 2,
            Seed = 1,
            ResidentLimitMb = residentLimitMb,
        };

        var resident = await TrainAsync(Options(1024), "resident");
        var streamed = await TrainAsync(Options(0), "streamed");

        File.ReadAllText(streamed.TestOutputs.Files["model"]).ShouldBe(File.ReadAllText(resident.TestOutputs.Files["model"]));
    }

    [Fact]
    public async Task Era_stride_and_data_type_select_rows()
    {
        var (train, _, features, _) = await WriteDataAsync();
        var trained = await TrainAsync(new TrainOptions
        {
            Data = new ArtifactRef(train),
            Features = new ArtifactRef(features),
            EraStride = 4,
            DataType = "train",
            Params = SmallParams(5),
            NumThreads = 1,
        });
        var info = LightGbmModelInfo.FromJson(File.ReadAllText(trained.TestOutputs.Files["model_info"]));
        info.TrainingData.Eras.ShouldBe(5);
        info.Features.Count.ShouldBe(6);
        info.FeatureSet.ShouldBe("small");

        // eras 0001, 0005, ... of 20 equal eras = 5 x 150 rows, minus the 'test' rows (every 10th row)
        info.TrainingData.Rows.ShouldBe(5 * 150 * 9 / 10);
    }

    [Fact]
    public async Task Feature_set_naming_columns_the_file_lacks_is_NP6602_naming_them()
    {
        var (train, _, features, _) = await WriteDataAsync();
        var ex = await Should.ThrowAsync<StageException>(() => new TrainStage().RunAsync(
            new TestStageContext(ws.Path),
            new TrainOptions { Data = new ArtifactRef(train), Features = new ArtifactRef(features), FeatureSet = "drifted", Params = SmallParams(5) },
            CancellationToken.None));
        ex.Code.ShouldBe("NP6602");
        ex.Message.ShouldContain("lacks 2 column(s) the read needs: 'feature_not_in_file', 'feature_also_gone'");
        ex.ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Unknown_feature_set_and_target_are_errors()
    {
        var (train, _, features, _) = await WriteDataAsync();
        var set = await Should.ThrowAsync<StageException>(() => new TrainStage().RunAsync(
            new TestStageContext(ws.Path),
            new TrainOptions { Data = new ArtifactRef(train), Features = new ArtifactRef(features), FeatureSet = "medium" },
            CancellationToken.None));
        set.Code.ShouldBe("NP6603");
        set.Message.ShouldContain("medium");

        var target = await Should.ThrowAsync<StageException>(() => new TrainStage().RunAsync(
            new TestStageContext(ws.Path),
            new TrainOptions { Data = new ArtifactRef(train), Features = new ArtifactRef(features), Target = "target_nope" },
            CancellationToken.None));
        target.Code.ShouldBe("NP6602");
        target.Message.ShouldContain("'target_nope'");
    }

    [Fact]
    public async Task Bad_parameters_are_NP6104_with_LightGBMs_text()
    {
        var (train, _, features, _) = await WriteDataAsync();
        var unknown = SmallParams(5);
        unknown["colsample_by_tree"] = JsonSerializer.SerializeToElement(0.1);
        var ex = await Should.ThrowAsync<StageException>(() => new TrainStage().RunAsync(
            new TestStageContext(ws.Path),
            new TrainOptions { Data = new ArtifactRef(train), Features = new ArtifactRef(features), Params = unknown },
            CancellationToken.None));
        ex.Code.ShouldBe("NP6104");
        ex.ExitCode.ShouldBe(2);
        ex.Message.ShouldBe("params: 'colsample_by_tree' is not a LightGBM parameter or alias. Did you mean 'feature_fraction'? Fix the value in 'params'.");

        var badValue = SmallParams(5);
        badValue["num_leaves"] = JsonSerializer.SerializeToElement("lots");
        var native = await Should.ThrowAsync<StageException>(() => new TrainStage().RunAsync(
            new TestStageContext(ws.Path),
            new TrainOptions { Data = new ArtifactRef(train), Features = new ArtifactRef(features), Params = badValue },
            CancellationToken.None));
        native.Code.ShouldBe("NP6104");
        native.Message.ShouldContain("num_leaves");
        native.Message.ShouldStartWith("params: LightGBM rejected them: ");
        native.Message.ShouldEndWith(". Fix the value in 'params'.");
    }

    [Fact]
    public async Task No_feature_list_and_no_rows_are_the_shared_model_codes_NP6103_and_NP6106()
    {
        var (train, _, features, _) = await WriteDataAsync();
        var bare = ws.File("bare.parquet");
        NumeraiPipeline.Numerai.Data.PredictionsFile.WriteParquet(bare, ["a", "b"], [0.1, 0.2]);
        var noFeatures = await Should.ThrowAsync<StageException>(() => new TrainStage().RunAsync(
            new TestStageContext(ws.Path),
            new TrainOptions { Data = new ArtifactRef(bare) },
            CancellationToken.None));
        noFeatures.Code.ShouldBe("NP6103");
        noFeatures.Message.ShouldBe("lightgbm.train: no features.json given and bare.parquet has no 'feature_*' columns. Set 'features' to the dataset's features.json and 'feature_set' to one of its sets.");
        noFeatures.ExitCode.ShouldBe(2);

        var noRows = await Should.ThrowAsync<StageException>(() => new TrainStage().RunAsync(
            new TestStageContext(ws.Path),
            new TrainOptions { Data = new ArtifactRef(train), Features = new ArtifactRef(features), DataType = "nothing_like_this", Params = SmallParams(5) },
            CancellationToken.None));
        noRows.Code.ShouldBe("NP6106");
        noRows.Message.ShouldBe("lightgbm.train: no labelled rows left in train.parquet after era_stride=1 and data_type=nothing_like_this. Check the file, the target 'target' and the filters.");
        noRows.ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Predicting_data_without_the_models_features_is_NP6602_naming_them()
    {
        var (train, _, features, _) = await WriteDataAsync();
        var trained = await TrainAsync(new TrainOptions { Data = new ArtifactRef(train), Features = new ArtifactRef(features), FeatureSet = "all", Params = SmallParams(5) });
        var other = new SyntheticData(100, 8, seed: 30);
        await NumeraiParquetFixture.WriteAsync(ws.File("narrow.parquet"), other, eras: 1, rowGroups: 1);
        var ex = await Should.ThrowAsync<StageException>(() => new PredictStage().RunAsync(
            new TestStageContext(ws.Path, "p"),
            new PredictOptions { Model = new ArtifactRef(trained.TestOutputs.Files["model"]), Data = new ArtifactRef(ws.File("narrow.parquet")) },
            CancellationToken.None));
        ex.Code.ShouldBe("NP6602");
        ex.Message.ShouldContain("the model model.txt was trained on columns the data lacks");
        ex.Message.ShouldContain("lacks 4 column(s) the read needs");
        ex.Message.ShouldContain("feature_0008");
    }

    [Fact]
    public async Task Not_a_model_is_NP6107()
    {
        var (_, valid, _, _) = await WriteDataAsync();
        File.WriteAllText(ws.File("garbage.txt"), "this is not a model\n");
        var ex = await Should.ThrowAsync<StageException>(() => new PredictStage().RunAsync(
            new TestStageContext(ws.Path, "p"),
            new PredictOptions { Model = new ArtifactRef(ws.File("garbage.txt")), Data = new ArtifactRef(valid) },
            CancellationToken.None));
        ex.Code.ShouldBe("NP6107");
        ex.Message.ShouldBe($"cannot load the LightGBM model garbage.txt: Unknown model format or submodel type in model file {ws.File("garbage.txt")}. Point 'model' at model.txt of lightgbm.train.");
    }

    [Fact]
    public async Task A_missing_option_is_NP6110()
    {
        var (train, _, _, _) = await WriteDataAsync();
        var noData = await Should.ThrowAsync<StageException>(() => new TrainStage().RunAsync(new TestStageContext(ws.Path), new TrainOptions(), CancellationToken.None));
        noData.Code.ShouldBe("NP6110");
        noData.ExitCode.ShouldBe(2);
        noData.Message.ShouldBe("lightgbm.train: option 'data' is required. Set it to a Numerai parquet file.");

        var noModel = await Should.ThrowAsync<StageException>(() => new PredictStage().RunAsync(new TestStageContext(ws.Path, "p"), new PredictOptions { Data = new ArtifactRef(train) }, CancellationToken.None));
        noModel.Code.ShouldBe("NP6110");
        noModel.Message.ShouldBe("lightgbm.predict: option 'model' is required. Set it to model.txt of lightgbm.train.");
    }

    [Fact]
    public async Task A_Dataset_cache_folder_that_cannot_be_written_is_a_warning_and_the_training_still_succeeds()
    {
        var (train, _, features, _) = await WriteDataAsync();

        // a file where the workspace's Dataset cache folder belongs: the cache is an optimisation, so the model is trained anyway
        Directory.CreateDirectory(Path.Combine(ws.Path, "cache"));
        File.WriteAllText(Path.Combine(ws.Path, "cache", "lightgbm-datasets"), "not a folder");
        var context = new TestStageContext(ws.Path);
        await new TrainStage().RunAsync(
            context,
            new TrainOptions { Data = new ArtifactRef(train), Features = new ArtifactRef(features), Params = SmallParams(5) },
            CancellationToken.None);

        File.Exists(context.TestOutputs.Files["model"]).ShouldBeTrue();
        context.LogLines.ShouldContain(l => l.Contains("Dataset cache in", StringComparison.Ordinal) && l.Contains("building the Dataset without it", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_error_while_working_on_a_data_file_is_NP6109_with_the_file_named()
    {
        var io = new IOException("No space left on device : '/ws/cache/x.bin'");

        var ex = Should.Throw<StageException>(() => StageErrors.Translate<int>(() => throw io, "/data/train.parquet"));

        ex.Code.ShouldBe("NP6109");
        ex.ExitCode.ShouldBe(1);
        ex.InnerException.ShouldBeSameAs(io);
        ex.Message.ShouldBe("cannot read or write a file while working on train.parquet: No space left on device : '/ws/cache/x.bin'. Check that the data file is complete (download it again if it was cut short) and that the workspace is writable.");
    }

    [Fact]
    public async Task Format_sample_files_train_and_rank_live_predictions()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "TestData");
        var trained = await TrainAsync(new TrainOptions
        {
            Data = new ArtifactRef(Path.Combine(dir, "train.parquet")),
            Features = new ArtifactRef(Path.Combine(dir, "features.json")),
            FeatureSet = "medium",
            Params = SmallParams(10),
            NumThreads = 1,
        });
        var info = LightGbmModelInfo.FromJson(File.ReadAllText(trained.TestOutputs.Files["model_info"]));
        info.TrainingData.Rows.ShouldBe(2400);
        info.Features.Count.ShouldBe(16);

        var predicted = new TestStageContext(ws.Path, "live");
        await new PredictStage().RunAsync(
            predicted,
            new PredictOptions { Model = new ArtifactRef(trained.TestOutputs.Files["model"]), Data = new ArtifactRef(Path.Combine(dir, "live.parquet")), Rank = true },
            CancellationToken.None);
        var (ids, values, eras) = await CvParquet.ReadPredictionsAsync(predicted.TestOutputs.Files["predictions"]);
        ids.Length.ShouldBe(300);
        ids.ShouldAllBe(id => id.Length == 16 && id.StartsWith('n'));
        eras!.Distinct().ShouldBe(["X"]);
        values.ShouldAllBe(v => v > 0 && v <= 1);
        values.Max().ShouldBe(1.0);
    }
}
