using System.Text.Json;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.LightGbm.Data;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Plugins.LightGbm.Training;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.LightGbm.Tests;

/// <summary>Whatever the file's layout and however the rows reach LightGBM, the model and its predictions are the same bits.</summary>
[Collection(TrainingLayoutCollection.Name)]
public sealed class LayoutTrainingTests(TrainingLayouts layouts)
{
    private static LightGbmParameters Params() => LightGbmParameters.Create(
        new Dictionary<string, JsonElement>
        {
            ["n_estimators"] = JsonSerializer.SerializeToElement(25),
            ["learning_rate"] = JsonSerializer.SerializeToElement(0.1),
            ["max_depth"] = JsonSerializer.SerializeToElement(4),
            ["num_leaves"] = JsonSerializer.SerializeToElement(15),
            ["colsample_bytree"] = JsonSerializer.SerializeToElement(0.5),
            ["bin_construct_sample_cnt"] = JsonSerializer.SerializeToElement(4000),
        },
        numThreads: 2,
        seed: 5,
        deterministic: true);

    [Theory]
    [MemberData(nameof(TrainingLayouts.Names), MemberType = typeof(TrainingLayouts))]
    public void Every_layout_and_way_of_pushing_gives_the_same_model_and_predictions(string layout)
    {
        using var ws = new TempWorkspace();

        // reference: Parquet.Net's layout, rows kept in memory, the whole float32 matrix through LGBM_DatasetCreateFromMat
        var (referenceModel, referencePredictions) = Train(layouts.File("parquetnet", "train.parquet"), layouts.File("parquetnet", "validation.parquet"), long.MaxValue, whole: true, ws.File("reference.txt"));

        // this layout: rows kept (full rows), streamed (full rows), streamed in column strips of about 16 KiB
        foreach (var (name, limit, strips) in new[] { ("resident", long.MaxValue, StripPolicy.WhenExact), ("streamed", 0L, StripPolicy.Never), ("strips", 0L, StripPolicy.WhenExact) })
        {
            var (model, predictions) = Train(layouts.File(layout, "train.parquet"), layouts.File(layout, "validation.parquet"), limit, whole: false, ws.File(name + ".txt"), strips, stripBytes: 16 << 10);
            model.ShouldBe(referenceModel, $"{layout} {name}");
            predictions.Select(BitConverter.DoubleToInt64Bits).ShouldBe(referencePredictions.Select(BitConverter.DoubleToInt64Bits), $"{layout} {name}");
        }
    }

    [Theory]
    [MemberData(nameof(TrainingLayouts.Names), MemberType = typeof(TrainingLayouts))]
    public void A_row_group_beyond_the_strip_budget_is_read_in_strips(string layout)
    {
        var features = FeatureMetadata.Load(layouts.File(layout, "features.json")).Resolve("all");
        using var source = ParquetRowSource.Open(layouts.File(layout, "train.parquet"), new DataSelection(features, "target", DropUnlabelled: true), 0);
        var chunks = source.ReadStrips(16 << 10, CancellationToken.None).Select(c => (c.FirstRow, c.FeatureOffset, c.Width, c.Rows)).ToList();

        chunks.ShouldContain(c => c.FeatureOffset > 0);
        chunks.ShouldAllBe(c => c.Width < features.Count);
        chunks.Where(c => c.FeatureOffset == 0).Sum(c => c.Rows).ShouldBe(source.Rows);
        chunks.Sum(c => (long)c.Rows * c.Width).ShouldBe((long)source.Rows * features.Count);
    }

    [Fact]
    public void Strips_are_exact_for_Numerai_like_features()
    {
        // five-valued features, plus one that is zero in 90 % of the rows (LightGBM stores it sparse) and one that is
        // missing in 60 %
        var numerai = new SyntheticData(3000, 10, seed: 31);
        var random = new Random(33);
        for (var r = 0; r < 3000; r++)
        {
            numerai.Bytes[(r * 10) + 7] = random.NextDouble() < 0.9 ? (byte)0 : (byte)random.Next(1, 5);
            numerai.Bytes[(r * 10) + 8] = random.NextDouble() < 0.6 ? Int8Features.Missing : (byte)random.Next(5);
        }

        StripsAreExact(numerai).ShouldBeTrue();
        var test = new SyntheticData(500, 10, seed: 35);
        TrainMatrix(numerai, test, StripPolicy.Always, whole: false).ShouldBe(TrainMatrix(numerai, test, StripPolicy.Never, whole: true));
    }

    [Fact]
    public void Strips_are_refused_when_a_feature_needs_its_zeros_pushed()
    {
        // a feature that is 3 in about 77 % of the rows: LightGBM's most frequent bin is not the zero bin, so it pushes
        // zeros after every row (FinishOneRow) and a later strip would undo an earlier one. (The streamed build of such
        // data used to crash with a double free: LightGBM rewrote the sample column pointers it was given.)
        var dominant = new SyntheticData(3000, 10, seed: 32);
        var random = new Random(36);
        for (var r = 0; r < 3000; r++)
        {
            dominant.Bytes[(r * 10) + 4] = random.NextDouble() < 0.72 ? (byte)3 : (byte)random.Next(5);
        }

        StripsAreExact(dominant).ShouldBeFalse();
        var test = new SyntheticData(500, 10, seed: 34);
        var whole = TrainMatrix(dominant, test, StripPolicy.Never, whole: true);
        TrainMatrix(dominant, test, StripPolicy.WhenExact, whole: false).ShouldBe(whole);
        TrainMatrix(dominant, test, StripPolicy.Always, whole: false).ShouldNotBe(whole);
    }

    private static bool StripsAreExact(SyntheticData data)
    {
        using var dataset = DatasetBuilder.BuildStreamed(data.Matrix, data.Labels, Params().ToString(), StripPolicy.Never, 0, out var exact, CancellationToken.None);
        return exact;
    }

    private static double[] TrainMatrix(SyntheticData data, SyntheticData test, StripPolicy strips, bool whole)
    {
        var source = whole ? data.Matrix : new Int8Matrix(data.Bytes, data.Labels.Length, data.Names, chunkRows: 700, stripWidth: 3);
        using var result = Trainer.Train(new TrainingRequest(source, data.Labels, Params()) { WholeMatrix = whole, Strips = strips }, null, CancellationToken.None);
        return Predictor.Predict(result.Booster, test.Matrix, 2, CancellationToken.None);
    }

    private static (string Model, double[] Predictions) Train(string trainPath, string validPath, long residentLimit, bool whole, string modelPath,
        StripPolicy strips = StripPolicy.WhenExact, long stripBytes = DatasetBuilder.StripBytes)
    {
        var features = FeatureMetadata.Load(Path.Combine(Path.GetDirectoryName(trainPath)!, "features.json")).Resolve("all");
        using var train = ParquetRowSource.Open(trainPath, new DataSelection(features, "target", DropUnlabelled: true), residentLimit);
        using var valid = ParquetRowSource.Open(validPath, new DataSelection(features, "target", DropUnlabelled: true), residentLimit);
        using var result = Trainer.Train(
            new TrainingRequest(train, train.Labels!, Params()) { Valid = valid, ValidLabels = valid.Labels, WholeMatrix = whole, Strips = strips, StripBytes = stripBytes },
            null,
            CancellationToken.None);
        result.Booster.Save(modelPath, result.KeptIterations);
        using var predict = ParquetRowSource.Open(validPath, new DataSelection(features, null, ReadIds: true), 0);
        return (File.ReadAllText(modelPath), Predictor.Predict(result.Booster, predict, 2, CancellationToken.None));
    }
}
