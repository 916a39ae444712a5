using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using NumeraiPipeline.Plugins.LightGbm;
using NumeraiPipeline.Plugins.LightGbm.CrossValidation;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;
using NumeraiPipeline.Numerai.Scoring.CrossValidation;

namespace NumeraiPipeline.LightGbm.Tests;

public sealed class CvStageTests : IDisposable
{
    private const int Rows = 2400;
    private const int EraCount = 12;
    private readonly TempWorkspace ws = new();
    private readonly SyntheticData data = new(Rows, 10, seed: 31);
    private readonly string[] ids = [.. Enumerable.Range(0, Rows).Select(i => $"n{i:x15}")];

    // eras interleaved over the file (not one block each), so a fold's rows are scattered through every row group
    private readonly string[] eras = [.. Enumerable.Range(0, Rows).Select(i => ((i % EraCount) + 1).ToString("D4"))];

    public void Dispose() => ws.Dispose();

    private static Dictionary<string, JsonElement> Params() => new()
    {
        ["n_estimators"] = JsonSerializer.SerializeToElement(25),
        ["learning_rate"] = JsonSerializer.SerializeToElement(0.1),
        ["num_leaves"] = JsonSerializer.SerializeToElement(7),
        ["colsample_bytree"] = JsonSerializer.SerializeToElement(0.7),
        ["min_data_in_leaf"] = JsonSerializer.SerializeToElement(20),
    };

    private CvOptions Options(string file, int folds = 3, int embargo = 1) => new()
    {
        Data = new ArtifactRef(file),
        Folds = folds,
        Embargo = embargo,
        Params = Params(),
        NumThreads = 2,
        Seed = 3,
    };

    /// <summary>The data with every 7th row unlabelled: those rows are neither trained on nor predicted.</summary>
    private async Task<(string File, float[] Targets)> WriteDataAsync()
    {
        var targets = data.Labels.Select((v, i) => i % 7 == 3 ? float.NaN : v).ToArray();
        var file = ws.File("train.parquet");
        await CvParquet.WriteRowsAsync(file, data, Enumerable.Range(0, Rows).ToArray(), ids, eras, targets);
        return (file, targets);
    }

    private async Task<TestStageContext> RunAsync(CvOptions options, string id = "cv")
    {
        var context = new TestStageContext(ws.Path, id);
        var result = await new CvStage().RunAsync(context, options, CancellationToken.None);
        result.Status.ShouldBe(StageResultStatus.Succeeded);
        return context;
    }

    [Fact]
    public async Task Every_labelled_row_is_predicted_exactly_once_by_the_fold_whose_test_block_holds_its_era()
    {
        var (file, targets) = await WriteDataAsync();
        var cv = await RunAsync(Options(file));

        var (oofIds, values, oofEras) = await CvParquet.ReadPredictionsAsync(cv.TestOutputs.Files["predictions"]);
        var labelled = Enumerable.Range(0, Rows).Where(i => !float.IsNaN(targets[i])).ToArray();
        oofIds.ShouldBe(labelled.Select(i => ids[i]), "the file's labelled rows in the file's order, each once");
        oofEras!.ShouldBe(labelled.Select(i => eras[i]));
        values.ShouldAllBe(v => double.IsFinite(v));
        Stats.Pearson(values, [.. labelled.Select(i => data.Labels[i])]).ShouldBeGreaterThan(0.2);

        var layout = FoldLayoutDocument.FromJson(File.ReadAllText(cv.TestOutputs.Files["folds"]));
        layout.Folds.ShouldBe(3);
        layout.Embargo.ShouldBe(1);
        layout.Eras.ShouldBe(Enumerable.Range(1, EraCount).Select(e => e.ToString("D4")));
        layout.Layout.Select(f => f.Test).ShouldBe([["0001", "0002", "0003", "0004"], ["0005", "0006", "0007", "0008"], ["0009", "0010", "0011", "0012"]]);
        layout.Layout[1].Embargoed.ShouldBe(["0004", "0009"]);
        layout.Layout[1].Train.ShouldBe(["0001", "0002", "0003", "0010", "0011", "0012"]);

        var metrics = CvMetricsDocument.FromJson(File.ReadAllText(cv.TestOutputs.Files["metrics"]));
        metrics.Kind.ShouldBe("lightgbm.cv");
        metrics.Rows.ShouldBe(labelled.Length);
        metrics.Eras.ShouldBe(EraCount);
        metrics.Oof.Eras.ShouldBe(EraCount);
        metrics.PerFold.Count.ShouldBe(3);
        metrics.PerFold.Sum(f => f.TestRows).ShouldBe(labelled.Length);
        metrics.PerFold[1].TrainRows.ShouldBe(labelled.Count(i => layout.Layout[1].Train.Contains(eras[i])));
        metrics.PerFold[1].FirstTestEra.ShouldBe("0005");
        metrics.PerFold[1].LastTestEra.ShouldBe("0008");
        metrics.PerFold.ShouldAllBe(f => f.Corr.Eras == 4 && f.Corr.Mean > 0 && f.Iterations == 25);
        metrics.Oof.Mean!.Value.ShouldBe(metrics.PerFold.Average(f => f.Corr.Mean!.Value), 1e-12, "equal-sized folds: the OOF mean is the mean of the folds' means");
        cv.SummaryValues["folds"].ShouldBe("3");
    }

    [Fact]
    public async Task A_folds_model_is_the_model_lightgbm_train_builds_from_the_folds_training_eras_alone()
    {
        // Retrain fold 2 independently from a file holding only its training eras: the test block and the embargoed
        // eras are not in that file at all, and its predictions of the test block equal the OOF predictions bit for bit.
        var (file, targets) = await WriteDataAsync();
        var cv = await RunAsync(Options(file));
        var layout = FoldLayoutDocument.FromJson(File.ReadAllText(cv.TestOutputs.Files["folds"]));
        var fold = layout.Layout[1];
        var (oofIds, oofValues, _) = await CvParquet.ReadPredictionsAsync(cv.TestOutputs.Files["predictions"]);

        var trainRows = Enumerable.Range(0, Rows).Where(i => fold.Train.Contains(eras[i])).ToArray();
        var testRows = Enumerable.Range(0, Rows).Where(i => fold.Test.Contains(eras[i]) && !float.IsNaN(targets[i])).ToArray();
        await CvParquet.WriteRowsAsync(ws.File("fold2_train.parquet"), data, trainRows, ids, eras, targets);
        await CvParquet.WriteRowsAsync(ws.File("fold2_test.parquet"), data, testRows, ids, eras, targets);

        var train = new TestStageContext(ws.Path, "train");
        (await new TrainStage().RunAsync(train, new TrainOptions { Data = new ArtifactRef(ws.File("fold2_train.parquet")), Params = Params(), NumThreads = 2, Seed = 3 }, CancellationToken.None))
            .Status.ShouldBe(StageResultStatus.Succeeded);
        var info = LightGbmModelInfo.FromJson(File.ReadAllText(train.TestOutputs.Files["model_info"]));
        info.TrainingData.Eras.ShouldBe(fold.Train.Count);

        var predict = new TestStageContext(ws.Path, "predict");
        (await new PredictStage().RunAsync(predict, new PredictOptions { Model = new ArtifactRef(train.TestOutputs.Files["model"]), Data = new ArtifactRef(ws.File("fold2_test.parquet")), NumThreads = 2 }, CancellationToken.None))
            .Status.ShouldBe(StageResultStatus.Succeeded);
        var (retrainedIds, retrained, _) = await CvParquet.ReadPredictionsAsync(predict.TestOutputs.Files["predictions"]);

        var oof = oofIds.Select((id, i) => (id, oofValues[i])).ToDictionary(p => p.id, p => p.Item2, StringComparer.Ordinal);
        retrainedIds.Length.ShouldBe(testRows.Length);
        for (var i = 0; i < retrainedIds.Length; i++)
        {
            BitConverter.DoubleToInt64Bits(oof[retrainedIds[i]]).ShouldBe(BitConverter.DoubleToInt64Bits(retrained[i]), $"row {retrainedIds[i]}");
        }

        // and a model that saw the test block predicts it differently (the comparison above can fail)
        var leaky = new TestStageContext(ws.Path, "leaky");
        (await new TrainStage().RunAsync(leaky, new TrainOptions { Data = new ArtifactRef(file), Params = Params(), NumThreads = 2, Seed = 3 }, CancellationToken.None)).Status.ShouldBe(StageResultStatus.Succeeded);
        var leakyPredict = new TestStageContext(ws.Path, "leaky_predict");
        await new PredictStage().RunAsync(leakyPredict, new PredictOptions { Model = new ArtifactRef(leaky.TestOutputs.Files["model"]), Data = new ArtifactRef(ws.File("fold2_test.parquet")), NumThreads = 2 }, CancellationToken.None);
        var (_, leakyValues, _) = await CvParquet.ReadPredictionsAsync(leakyPredict.TestOutputs.Files["predictions"]);
        leakyValues.ShouldNotBe(retrained);
    }

    [Fact]
    public async Task Ranked_oof_predictions_are_per_era_ranks_of_the_raw_ones()
    {
        var (file, _) = await WriteDataAsync();
        var raw = await RunAsync(Options(file), "raw");
        var options = Options(file);
        options.Rank = true;
        var ranked = await RunAsync(options, "ranked");
        var (_, rawValues, rawEras) = await CvParquet.ReadPredictionsAsync(raw.TestOutputs.Files["predictions"]);
        var (_, rankedValues, _) = await CvParquet.ReadPredictionsAsync(ranked.TestOutputs.Files["predictions"]);
        rankedValues.ShouldAllBe(v => v > 0 && v <= 1);
        var era = rawEras!.Select((e, i) => (e, i)).Where(p => p.e == "0003").Select(p => p.i).ToArray();
        era.OrderBy(i => rawValues[i]).ThenBy(i => i).Select(i => rankedValues[i]).ShouldBeInOrder();
    }

    [Fact]
    public async Task Folds_that_do_not_fit_the_eras_are_NP6111_and_bad_folds_or_embargo_NP6112()
    {
        var (file, _) = await WriteDataAsync();
        var tooMany = await Should.ThrowAsync<StageException>(() => new CvStage().RunAsync(new TestStageContext(ws.Path, "a"), Options(file, folds: 13), CancellationToken.None));
        tooMany.Code.ShouldBe("NP6111");
        tooMany.Message.ShouldBe("lightgbm.cv: the folds do not fit the eras of train.parquet (2057 labelled rows): the data has 12 era(s), fewer than folds=13: every fold needs at least one test era. Lower 'folds' to at most 12, or train on more eras (era_stride, data_type).");

        var embargo = await Should.ThrowAsync<StageException>(() => new CvStage().RunAsync(new TestStageContext(ws.Path, "b"), Options(file, folds: 2, embargo: 6), CancellationToken.None));
        embargo.Code.ShouldBe("NP6111");
        embargo.Message.ShouldBe("lightgbm.cv: the folds do not fit the eras of train.parquet (2057 labelled rows): fold 1 of 2 has no era left to train on: its 6 test era(s) and embargo=6 on each side cover all 12 eras. Lower 'embargo' or raise 'folds' (smaller test blocks).");

        var one = await Should.ThrowAsync<StageException>(() => new CvStage().RunAsync(new TestStageContext(ws.Path, "c"), Options(file, folds: 1), CancellationToken.None));
        one.Code.ShouldBe("NP6112");
        one.ExitCode.ShouldBe(2);
        one.Message.ShouldBe("lightgbm.cv: option 'folds' is 1: cross-validation needs at least 2 folds (each era block is predicted by a model trained on the others). Set folds to 2 or more, e.g. 5.");

        var negative = await Should.ThrowAsync<StageException>(() => new CvStage().RunAsync(new TestStageContext(ws.Path, "d"), Options(file, embargo: -1), CancellationToken.None));
        negative.Code.ShouldBe("NP6112");
        negative.Message.ShouldBe("lightgbm.cv: option 'embargo' is -1: it counts eras left out on each side of a test block and cannot be negative. Set it to 0 (no embargo) or more, e.g. 4 for Numerai's 20-day targets.");
    }

    [Fact]
    public void Folds_and_embargo_are_checked_without_the_data()
    {
        var options = new CvOptions { Data = new ArtifactRef("x.parquet"), Folds = 0, Embargo = -2 };
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).ShouldBeFalse();
        results.Select(r => r.MemberNames.Single()).ShouldBe(["Folds", "Embargo"]);
        results[0].ErrorMessage.ShouldStartWith("option 'folds' is 0: cross-validation needs at least 2 folds");
        results[1].ErrorMessage.ShouldStartWith("option 'embargo' is -2:");

        var fine = new CvOptions { Data = new ArtifactRef("x.parquet") };
        Validator.TryValidateObject(fine, new ValidationContext(fine), results = [], validateAllProperties: true).ShouldBeTrue();
        (fine.Folds, fine.Embargo).ShouldBe((5, 4));
    }
}
