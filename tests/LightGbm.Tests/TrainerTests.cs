using System.Text.Json;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Plugins.LightGbm.Training;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.LightGbm.Tests;

public sealed class TrainerTests
{
    private static LightGbmParameters Params(params (string Key, object Value)[] extra)
    {
        var map = new Dictionary<string, JsonElement>
        {
            ["n_estimators"] = JsonSerializer.SerializeToElement(40),
            ["learning_rate"] = JsonSerializer.SerializeToElement(0.1),
            ["max_depth"] = JsonSerializer.SerializeToElement(4),
            ["num_leaves"] = JsonSerializer.SerializeToElement(15),
            ["colsample_bytree"] = JsonSerializer.SerializeToElement(0.5),
            ["min_data_in_leaf"] = JsonSerializer.SerializeToElement(20),
        };
        foreach (var (k, v) in extra)
        {
            map[k] = JsonSerializer.SerializeToElement(v);
        }

        return LightGbmParameters.Create(map, numThreads: 2, seed: 7, deterministic: true);
    }

    private static double[] TrainAndPredict(SyntheticData train, SyntheticData test, LightGbmParameters p, bool wholeMatrix, string? savePath = null)
    {
        using var result = Trainer.Train(new TrainingRequest(train.Matrix, train.Labels, p) { WholeMatrix = wholeMatrix }, null, CancellationToken.None);
        if (savePath is not null)
        {
            result.Booster.Save(savePath, result.KeptIterations);
        }

        return Predictor.Predict(result.Booster, test.Matrix, 2, CancellationToken.None);
    }

    [Fact]
    public void Predicting_in_buffer_slices_gives_the_predictions_of_the_whole_float32_matrix_bit_for_bit()
    {
        var train = new SyntheticData(3000, 12, seed: 21);
        var test = new SyntheticData(2500, 12, seed: 22, chunkRows: 700);
        using var result = Trainer.Train(new TrainingRequest(train.Matrix, train.Labels, Params()), null, CancellationToken.None);
        var all = new float[test.Bytes.Length];
        Int8Features.ToFloat32(test.Bytes, all);
        var whole = new double[2500];
        result.Booster.Predict(all, 2500, 12, whole, "num_threads=2");

        // 1000-byte buffer: 20 rows per slice, so each 700-row chunk is predicted in 35 slices
        var sliced = Predictor.Predict(result.Booster, test.Matrix, 2, CancellationToken.None, bufferBytes: 1000);
        sliced.Select(BitConverter.DoubleToInt64Bits).ShouldBe(whole.Select(BitConverter.DoubleToInt64Bits));
        Predictor.Predict(result.Booster, test.Matrix, 2, CancellationToken.None).ShouldBe(whole);
    }

    [Fact]
    public void Planted_signal_gives_positive_validation_correlation()
    {
        var train = new SyntheticData(4000, 12, seed: 1);
        var valid = new SyntheticData(1500, 12, seed: 2);
        var predictions = TrainAndPredict(train, valid, Params(), wholeMatrix: false);
        Stats.Pearson(predictions, valid.Labels).ShouldBeGreaterThan(0.3);
    }

    [Fact]
    public void Same_seed_gives_identical_predictions_and_other_seed_differs()
    {
        var train = new SyntheticData(3000, 10, seed: 3);
        var test = new SyntheticData(500, 10, seed: 4);
        var p = Params(("bagging_fraction", 0.7), ("bagging_freq", 1));
        var a = TrainAndPredict(train, test, p, false);
        var b = TrainAndPredict(train, test, p, false);
        a.ShouldBe(b);
        var c = TrainAndPredict(train, test, Params(("bagging_fraction", 0.7), ("bagging_freq", 1), ("seed", 99)), false);
        c.SequenceEqual(a).ShouldBeFalse();
    }

    [Fact]
    public void Chunked_dataset_gives_the_same_model_as_the_whole_float32_matrix()
    {
        using var ws = new TempWorkspace();

        // a bin sample smaller than the data, so the sampled-column path is really exercised; chunks of 700 rows
        var train = new SyntheticData(5000, 16, seed: 5, missingRate: 0.05, chunkRows: 700);
        var test = new SyntheticData(800, 16, seed: 6);
        var p = Params(("bin_construct_sample_cnt", 1200));
        var streamed = TrainAndPredict(train, test, p, wholeMatrix: false, ws.File("streamed.txt"));
        var whole = TrainAndPredict(train, test, p, wholeMatrix: true, ws.File("whole.txt"));
        File.ReadAllText(ws.File("streamed.txt")).ShouldBe(File.ReadAllText(ws.File("whole.txt")));
        streamed.ShouldBe(whole);
    }

    [Fact]
    public void Chunked_dataset_matches_the_whole_matrix_with_columns_of_every_kind()
    {
        // Columns without missing values take the pre-sorted sample path, columns with some take LightGBM's own
        // order; add a column where 0 is the most frequent value (LightGBM then skips zeros on push), one where
        // 0 is rare, a constant column (dropped by LightGBM) and rows ending in zeros.
        using var ws = new TempWorkspace();
        var data = new SyntheticData(6000, 12, seed: 21, missingRate: 0);
        var random = new Random(22);
        for (var r = 0; r < 6000; r++)
        {
            var row = data.Bytes.AsSpan(r * 12, 12);
            if (random.NextDouble() < 0.08)
            {
                row[1] = Int8Features.Missing;
                row[5] = Int8Features.Missing;
            }

            row[6] = random.NextDouble() < 0.7 ? (byte)0 : (byte)random.Next(1, 5);
            row[7] = random.NextDouble() < 0.02 ? (byte)0 : (byte)random.Next(1, 5);
            row[8] = 3;
            if (r % 3 == 0)
            {
                row[9..].Clear();
            }
        }

        var test = new SyntheticData(900, 12, seed: 23);
        var p = Params(("bin_construct_sample_cnt", 1500));
        var streamed = TrainAndPredict(data, test, p, wholeMatrix: false, ws.File("streamed.txt"));
        var whole = TrainAndPredict(data, test, p, wholeMatrix: true, ws.File("whole.txt"));
        File.ReadAllText(ws.File("streamed.txt")).ShouldBe(File.ReadAllText(ws.File("whole.txt")));
        streamed.Select(BitConverter.DoubleToInt64Bits).ShouldBe(whole.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Save_load_predict_is_bit_identical()
    {
        using var ws = new TempWorkspace();
        var train = new SyntheticData(3000, 10, seed: 8);
        var test = new SyntheticData(700, 10, seed: 9, missingRate: 0.1);
        var inMemory = TrainAndPredict(train, test, Params(), false, ws.File("model.txt"));
        using var loaded = Booster.Load(ws.File("model.txt"));
        loaded.FeatureNames().ShouldBe(train.Names);
        var reloaded = Predictor.Predict(loaded, test.Matrix, 1, CancellationToken.None);
        reloaded.Select(BitConverter.DoubleToInt64Bits).ShouldBe(inMemory.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Early_stopping_keeps_the_best_iteration()
    {
        var train = new SyntheticData(3000, 10, seed: 10);
        var valid = new SyntheticData(1000, 10, seed: 11);
        var p = Params(("n_estimators", 400), ("learning_rate", 0.3), ("num_leaves", 31), ("max_depth", -1));
        var progress = new List<NumeraiPipeline.Sdk.StageProgress>();
        using var result = Trainer.Train(
            new TrainingRequest(train.Matrix, train.Labels, p) { Valid = valid.Matrix, ValidLabels = valid.Labels, EarlyStoppingRounds = 10, ProgressEvery = 5 },
            new Progress(progress),
            CancellationToken.None);
        result.ValidMetric.ShouldBe("l2");
        result.Iterations.ShouldBeLessThan(400);
        result.KeptIterations.ShouldBe(result.Iterations - 10);
        progress.ShouldNotBeEmpty();
        progress[0].Current.ShouldBe(5);
    }

    [Fact]
    public void Cancellation_stops_between_iterations()
    {
        var train = new SyntheticData(2000, 8, seed: 12);
        using var cts = new CancellationTokenSource();
        var p = Params(("n_estimators", 10000));
        var progress = new CancelAfter(cts, 3);
        Should.Throw<OperationCanceledException>(() =>
            Trainer.Train(new TrainingRequest(train.Matrix, train.Labels, p) { ProgressEvery = 1 }, progress, cts.Token));
        progress.Reports.ShouldBe(3);
    }

    [Fact]
    public void Unknown_parameter_is_rejected_with_a_suggestion()
    {
        var ex = Should.Throw<ParameterException>(() => Params(("num_leafs", 10)));
        ex.Message.ShouldContain("'num_leafs' is not a LightGBM parameter");
        ex.Message.ShouldContain("Did you mean 'num_leaves'?");
    }

    [Fact]
    public void Two_aliases_of_one_parameter_are_rejected()
    {
        var ex = Should.Throw<ParameterException>(() => Params(("num_iterations", 10)));
        ex.Message.ShouldContain("both set LightGBM's 'num_iterations'");
    }

    [Fact]
    public void Numerai_aliases_map_to_LightGBM_names()
    {
        var p = Params(("reg_lambda", 0.5), ("subsample", 0.8), ("random_state", 3));
        p.Values["num_iterations"].ShouldBe("40");
        p.Values["feature_fraction"].ShouldBe("0.5");
        p.Values["lambda_l2"].ShouldBe("0.5");
        p.Values["bagging_fraction"].ShouldBe("0.8");
        p.Values["min_data_in_leaf"].ShouldBe("20");
        p.Values["num_threads"].ShouldBe("2");
        p.Values["seed"].ShouldBe("3");
        p.ToString().ShouldContain(" feature_fraction=0.5 ");
    }

    [Fact]
    public void Default_bin_sample_is_50k_rows_and_shrinks_for_wide_data()
    {
        LightGbmParameters.DefaultSampleCount(200).ShouldBe(50_000);
        LightGbmParameters.DefaultSampleCount(700).ShouldBe(15_714);
        LightGbmParameters.DefaultSampleCount(2748).ShouldBe(10_000);
        LightGbmParameters.DefaultSampleCount(100_000).ShouldBe(10_000);
        LightGbmParameters.Create(null, null, null, false, 2748).Values["bin_construct_sample_cnt"].ShouldBe("10000");
        Params(("bin_construct_sample_cnt", 1000)).Values["bin_construct_sample_cnt"].ShouldBe("1000");
    }

    [Fact]
    public void Bad_parameter_value_surfaces_LightGBMs_error_text()
    {
        var train = new SyntheticData(500, 4, seed: 13);
        var ex = Should.Throw<LightGbmException>(() =>
            Trainer.Train(new TrainingRequest(train.Matrix, train.Labels, Params(("num_leaves", "many"))), null, CancellationToken.None));
        ex.NativeMessage.ShouldNotBeNullOrWhiteSpace();
        ex.Message.ShouldContain("num_leaves");
    }

    private sealed class Progress(List<NumeraiPipeline.Sdk.StageProgress> sink) : IProgress<NumeraiPipeline.Sdk.StageProgress>
    {
        public void Report(NumeraiPipeline.Sdk.StageProgress value) => sink.Add(value);
    }

    private sealed class CancelAfter(CancellationTokenSource cts, int n) : IProgress<NumeraiPipeline.Sdk.StageProgress>
    {
        public int Reports { get; private set; }

        public void Report(NumeraiPipeline.Sdk.StageProgress value)
        {
            if (++Reports == n)
            {
                cts.Cancel();
            }
        }
    }
}
