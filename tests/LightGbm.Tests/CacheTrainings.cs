using System.Text.Json;
using NumeraiPipeline.Plugins.LightGbm;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.LightGbm.Tests;

/// <summary>lightgbm.train runs on one small parquet file in one workspace, for the Dataset cache's lock and eviction tests.</summary>
internal sealed class CacheTrainings : IDisposable
{
    private const int Rows = 3000;
    private readonly SyntheticData data = new(Rows, 12, seed: 43);

    public TempWorkspace Workspace { get; } = new();

    public string CacheDirectory => Path.Combine(Workspace.Path, "cache", "lightgbm-datasets");

    public void Dispose() => Workspace.Dispose();

    /// <summary>target and target_b (other values on the same labelled rows: one Dataset).</summary>
    public async Task<string> WriteAsync()
    {
        var random = new Random(9);
        var b = data.Labels.Select(v => (float)Math.Clamp(Math.Round((v + ((random.NextDouble() - 0.5) * 0.5)) * 4) / 4, 0, 1)).ToArray();
        var file = Workspace.File("train.parquet");
        await CvParquet.WriteRowsAsync(
            file,
            data,
            Enumerable.Range(0, Rows).ToArray(),
            [.. Enumerable.Range(0, Rows).Select(i => $"n{i:x15}")],
            [.. Enumerable.Range(0, Rows).Select(i => ((i / 150) + 1).ToString("D4"))],
            data.Labels,
            new Dictionary<string, float[]> { ["target_b"] = b });
        return file;
    }

    public static Dictionary<string, JsonElement> Params() => new()
    {
        ["n_estimators"] = JsonSerializer.SerializeToElement(20),
        ["learning_rate"] = JsonSerializer.SerializeToElement(0.1),
        ["num_leaves"] = JsonSerializer.SerializeToElement(15),
        ["colsample_bytree"] = JsonSerializer.SerializeToElement(0.6),
    };

    public TrainOptions Options(string file, string target = "target", int seed = 7, bool cache = true, double? maxGb = null)
    {
        var options = new TrainOptions { Data = new ArtifactRef(file), Target = target, Params = Params(), NumThreads = 2, Seed = seed, DatasetCache = cache };
        if (maxGb is { } gb)
        {
            options.DatasetCacheMaxGb = gb;
        }

        return options;
    }

    public async Task<Training> TrainAsync(string id, TrainOptions options, CancellationToken cancellationToken = default)
    {
        var context = new TestStageContext(Workspace.Path, id);
        var result = await new TrainStage().RunAsync(context, options, cancellationToken);
        result.Status.ShouldBe(StageResultStatus.Succeeded);
        return new Training(File.ReadAllText(context.TestOutputs.Files["model"]), context.SummaryValues, context.LogLines);
    }

    public string[] Datasets() =>
        Directory.Exists(CacheDirectory) ? [.. Directory.GetFiles(CacheDirectory, "*.bin").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!] : [];

    public string[] LockFiles() =>
        Directory.Exists(CacheDirectory) ? Directory.GetFiles(CacheDirectory, "*.lock*") : [];
}

internal sealed record Training(string Model, IReadOnlyDictionary<string, string> Summary, List<string> Log);
