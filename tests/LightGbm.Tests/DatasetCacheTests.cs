using System.Text.Json;
using NumeraiPipeline.Plugins.LightGbm;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.LightGbm.Tests;

/// <summary>lightgbm.train's binned Dataset cache: one construction for trainings that share rows, features and dataset parameters.</summary>
public sealed class DatasetCacheTests : IDisposable
{
    private const int Rows = 3000;
    private readonly TempWorkspace ws = new();
    private readonly SyntheticData data = new(Rows, 12, seed: 41);

    public void Dispose() => ws.Dispose();

    private static Dictionary<string, JsonElement> Params(double learningRate = 0.1, int leaves = 15, int? maxBin = null)
    {
        var p = new Dictionary<string, JsonElement>
        {
            ["n_estimators"] = JsonSerializer.SerializeToElement(30),
            ["learning_rate"] = JsonSerializer.SerializeToElement(learningRate),
            ["num_leaves"] = JsonSerializer.SerializeToElement(leaves),
            ["colsample_bytree"] = JsonSerializer.SerializeToElement(0.6),
        };
        if (maxBin is { } b)
        {
            p["max_bin"] = JsonSerializer.SerializeToElement(b);
        }

        return p;
    }

    /// <summary>target, target_b (other values, same labelled rows) and target_c (a few more unlabelled rows).</summary>
    private async Task<string> WriteAsync()
    {
        var random = new Random(5);
        var b = data.Labels.Select(v => (float)Math.Clamp(Math.Round((v + ((random.NextDouble() - 0.5) * 0.5)) * 4) / 4, 0, 1)).ToArray();
        var c = data.Labels.Select((v, i) => i % 11 == 0 ? float.NaN : 1 - v).ToArray();
        var file = ws.File("train.parquet");
        await CvParquet.WriteRowsAsync(
            file,
            data,
            Enumerable.Range(0, Rows).ToArray(),
            [.. Enumerable.Range(0, Rows).Select(i => $"n{i:x15}")],
            [.. Enumerable.Range(0, Rows).Select(i => ((i / 150) + 1).ToString("D4"))],
            data.Labels,
            new Dictionary<string, float[]> { ["target_b"] = b, ["target_c"] = c });
        return file;
    }

    private async Task<(string Model, IReadOnlyDictionary<string, string> Summary, List<string> Log)> TrainAsync(string file, string id, string target = "target", bool cache = true, Dictionary<string, JsonElement>? parameters = null, int seed = 7)
    {
        var context = new TestStageContext(ws.Path, id);
        var result = await new TrainStage().RunAsync(
            context,
            new TrainOptions { Data = new ArtifactRef(file), Target = target, Params = parameters ?? Params(), NumThreads = 2, Seed = seed, DatasetCache = cache },
            CancellationToken.None);
        result.Status.ShouldBe(StageResultStatus.Succeeded);
        return (File.ReadAllText(context.TestOutputs.Files["model"]), context.SummaryValues, context.LogLines);
    }

    private string[] CachedFiles() =>
        Directory.Exists(Path.Combine(ws.Path, "cache", "lightgbm-datasets")) ? Directory.GetFiles(Path.Combine(ws.Path, "cache", "lightgbm-datasets")) : [];

    [Fact]
    public async Task A_second_target_loads_the_binned_dataset_and_grows_the_same_trees_as_from_the_parquet_file()
    {
        var file = await WriteAsync();
        var first = await TrainAsync(file, "train_target");
        first.Summary["dataset"].ShouldBe("built");
        first.Summary["feature_passes"].ShouldBe("1");
        CachedFiles().Length.ShouldBe(1);
        Path.GetExtension(CachedFiles()[0]).ShouldBe(".bin");

        var second = await TrainAsync(file, "train_target_b", "target_b");
        second.Summary["dataset"].ShouldBe("cached");
        second.Summary["feature_passes"].ShouldBe("0", "the features come from the binary Dataset, not the parquet file");
        second.Log.ShouldContain(l => l.Contains("cached binary Dataset, no parquet feature read", StringComparison.Ordinal));

        var fromParquet = await TrainAsync(file, "train_target_b_plain", "target_b", cache: false);
        fromParquet.Summary.ContainsKey("dataset").ShouldBeFalse();
        second.Model.ShouldBe(fromParquet.Model, "identical trees, byte for byte");
        second.Model.ShouldNotBe(first.Model, "each target set its own label");
        (await TrainAsync(file, "train_target_plain", cache: false)).Model.ShouldBe(first.Model);
        CachedFiles().Length.ShouldBe(1);
    }

    [Fact]
    public async Task A_retrain_with_another_learning_rate_and_num_leaves_loads_the_dataset_instead_of_reading_parquet()
    {
        var file = await WriteAsync();
        (await TrainAsync(file, "cold")).Summary["dataset"].ShouldBe("built");
        var retrain = await TrainAsync(file, "retrain", parameters: Params(learningRate: 0.03, leaves: 7));
        retrain.Summary["dataset"].ShouldBe("cached");
        retrain.Summary["feature_passes"].ShouldBe("0");
        retrain.Model.ShouldBe((await TrainAsync(file, "retrain_plain", cache: false, parameters: Params(learningRate: 0.03, leaves: 7))).Model);
    }

    [Fact]
    public async Task Other_binning_parameters_or_other_labelled_rows_build_a_dataset_of_their_own()
    {
        var file = await WriteAsync();
        (await TrainAsync(file, "a")).Summary["dataset"].ShouldBe("built");
        (await TrainAsync(file, "b", parameters: Params(maxBin: 63))).Summary["dataset"].ShouldBe("built");
        (await TrainAsync(file, "c", "target_c")).Summary["dataset"].ShouldBe("built", "target_c labels fewer rows: another Dataset");
        CachedFiles().Length.ShouldBe(3);
        (await TrainAsync(file, "d", parameters: Params(maxBin: 63, learningRate: 0.2))).Summary["dataset"].ShouldBe("cached");
        var c2 = await TrainAsync(file, "e", "target_c", parameters: Params(leaves: 5));
        c2.Summary["dataset"].ShouldBe("cached");
        c2.Model.ShouldBe((await TrainAsync(file, "e_plain", "target_c", cache: false, parameters: Params(leaves: 5))).Model);
    }

    [Fact]
    public async Task Seeds_share_a_dataset_when_data_random_seed_is_fixed_and_not_otherwise()
    {
        var file = await WriteAsync();
        (await TrainAsync(file, "s1", seed: 1)).Summary["dataset"].ShouldBe("built");
        (await TrainAsync(file, "s2", seed: 2)).Summary["dataset"].ShouldBe("built", "the seed seeds LightGBM's bin sample");

        var fixedSample = Params();
        fixedSample["data_random_seed"] = JsonSerializer.SerializeToElement(11);
        (await TrainAsync(file, "f1", parameters: fixedSample, seed: 1)).Summary["dataset"].ShouldBe("built");
        var second = await TrainAsync(file, "f2", parameters: fixedSample, seed: 2);
        second.Summary["dataset"].ShouldBe("cached");
        second.Model.ShouldBe((await TrainAsync(file, "f2_plain", parameters: fixedSample, seed: 2, cache: false)).Model);
    }

    [Fact]
    public async Task A_damaged_cache_file_is_rebuilt_and_the_model_is_unchanged()
    {
        var file = await WriteAsync();
        var first = await TrainAsync(file, "a");
        var cached = CachedFiles().Single();
        var bytes = File.ReadAllBytes(cached);
        File.WriteAllBytes(cached, bytes[..(bytes.Length / 3)]);

        var again = await TrainAsync(file, "b");
        again.Summary["dataset"].ShouldBe("built");
        again.Model.ShouldBe(first.Model);
        File.ReadAllBytes(CachedFiles().Single()).Length.ShouldBe(bytes.Length);
        (await TrainAsync(file, "c")).Summary["dataset"].ShouldBe("cached");
    }
}
