using NumeraiPipeline.Plugins.Numerai.Metrics;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;
using Parquet;
using Parquet.Schema;

namespace Numerai.Metrics.Tests;

/// <summary>The input and option codes of numerai.metrics and numerai.neutralize (NP6201, NP6205, NP6206), each with its whole text.</summary>
public sealed class MetricsErrorTests
{
    private const string FeaturesJson = """{"feature_sets": {"small": ["feature_a"]}, "targets": ["target"]}""";

    [Fact]
    public async Task NP6201_a_data_file_that_does_not_exist()
    {
        using var ws = new TempWorkspace();
        var missing = ws.File("nope.parquet");

        var ex = await Should.ThrowAsync<StageException>(() => RunAsync(ws, missing));

        ex.Code.ShouldBe("NP6201");
        ex.ExitCode.ShouldBe(1);
        ex.Message.ShouldBe($"data file '{missing}' does not exist. Check the stage's 'data' option, the stage that produces the file, and the file itself.");
    }

    [Theory]
    [InlineData("id,era,target\nn61dabdae12485fa,0002,x\n", "cannot be read: line 2: 'x' is not a number")]
    [InlineData("id,era,target\nn61dabdae12485fa,0002\n", "cannot be read: line 2 has 2 cells, the header has 3")]
    [InlineData("", "is empty: a CSV file needs a header row")]
    public async Task NP6201_a_data_CSV_that_cannot_be_read(string content, string what)
    {
        using var ws = new TempWorkspace();
        var data = ws.File("bad.csv");
        await File.WriteAllTextAsync(data, content);

        var ex = await Should.ThrowAsync<StageException>(() => RunAsync(ws, data));

        ex.Code.ShouldBe("NP6201");
        ex.Message.ShouldBe($"data file 'bad.csv' {what}. Check the stage's 'data' option, the stage that produces the file, and the file itself.");
    }

    [Fact]
    public async Task NP6201_neutralize_given_a_CSV_data_file()
    {
        using var ws = new TempWorkspace();
        var data = ws.File("validation.csv");
        await File.WriteAllTextAsync(data, "id,era,feature_a\nn1,0001,2\n");
        var predictions = ws.File("predictions.csv");
        await File.WriteAllTextAsync(predictions, "id,prediction\nn1,0.5\n");
        await using var context = new TestStageContext(ws.Path, "neutralize");

        var ex = await Should.ThrowAsync<StageException>(() => new NeutralizeStage().RunAsync(context, new NeutralizeOptions
        {
            Predictions = new ArtifactRef(predictions),
            Data = new ArtifactRef(data),
            Columns = ["feature_a"],
        }, CancellationToken.None));

        ex.Code.ShouldBe("NP6201");
        ex.Message.ShouldBe("data file 'validation.csv' is a CSV file: numerai.neutralize reads the features from Numerai's parquet (validation.parquet, live.parquet). Check the stage's 'data' option, the stage that produces the file, and the file itself.");
    }

    [Fact]
    public async Task NP6205_a_CSV_feature_outside_0_to_127()
    {
        using var ws = new TempWorkspace();
        var data = ws.File("data.csv");
        await File.WriteAllTextAsync(data, "id,era,target,feature_a\nn61dabdae12485fa,0002,0.5,2\nn87bb81e2c69fff8,0004,0.75,200\n");

        var ex = await Should.ThrowAsync<StageException>(() => RunAsync(ws, data, withFeatures: true));

        ex.Code.ShouldBe("NP6205");
        ex.Message.ShouldBe("data file 'data.csv': feature 'feature_a' is 200 in line 3. FNC and feature exposure need every feature value as an integer 0..127 (Numerai's 0..4): fill missing features (Numerai uses 2) or drop the features option.");
    }

    [Theory]
    [InlineData(double.NaN, "missing")]
    [InlineData(200.0, "200")]
    public async Task NP6205_a_parquet_feature_missing_or_above_127(double value, string shown)
    {
        using var ws = new TempWorkspace();
        var data = ws.File("validation.parquet");
        await WriteDataAsync(data, [2.0, value, 1.0]);

        var ex = await Should.ThrowAsync<StageException>(() => RunAsync(ws, data, withFeatures: true));

        ex.Code.ShouldBe("NP6205");
        ex.Message.ShouldBe($"data file 'validation.parquet': feature 'feature_a' is {shown} in row 1 (era 0001). FNC and feature exposure need every feature value as an integer 0..127 (Numerai's 0..4): fill missing features (Numerai uses 2) or drop the features option.");
    }

    [Fact]
    public async Task NP6206_a_benchmark_file_with_several_models_and_no_benchmark_column()
    {
        using var ws = new TempWorkspace();
        var data = ws.File("validation.parquet");
        await WriteDataAsync(data, [2.0, 3.0, 1.0]);
        var benchmark = ws.File("benchmark.csv");
        await File.WriteAllTextAsync(benchmark, "id,v53_a,v53_b\nn0,0.1,0.2\nn1,0.3,0.4\nn2,0.5,0.6\n");

        var ex = await Should.ThrowAsync<StageException>(() => RunAsync(ws, data, benchmark: benchmark));

        ex.Code.ShouldBe("NP6206");
        ex.ExitCode.ShouldBe(2);
        ex.Message.ShouldBe("numerai.metrics: option 'benchmark_column' must name the model column to use for BMC: benchmark file 'benchmark.csv' has 2 (v53_a, v53_b). Set it to one of them, e.g. v53_lgbm_ender20.");
    }

    [Fact]
    public async Task NP6206_neutralize_without_data()
    {
        using var ws = new TempWorkspace();
        await using var context = new TestStageContext(ws.Path, "neutralize");

        var ex = await Should.ThrowAsync<StageException>(() => new NeutralizeStage().RunAsync(context, new NeutralizeOptions { Predictions = new ArtifactRef(ws.File("p.csv")) }, CancellationToken.None));

        ex.Code.ShouldBe("NP6206");
        ex.ExitCode.ShouldBe(2);
        ex.Message.ShouldBe("numerai.neutralize: option 'data' is missing. Point it at the parquet with the predictions' features, e.g. validation.parquet.");
    }

    private static async Task RunAsync(TempWorkspace ws, string data, bool withFeatures = false, string? benchmark = null)
    {
        var predictions = ws.File("predictions.csv");
        await File.WriteAllTextAsync(predictions, "id,prediction\nn0,0.1\nn1,0.5\nn2,0.9\nn61dabdae12485fa,0.5\nn87bb81e2c69fff8,0.25\n");
        var features = ws.File("features.json");
        await File.WriteAllTextAsync(features, FeaturesJson);
        await using var context = new TestStageContext(ws.Path, "metrics");
        await new MetricsStage().RunAsync(context, new MetricsOptions
        {
            Predictions = new ArtifactRef(predictions),
            Data = new ArtifactRef(data),
            Features = withFeatures ? new ArtifactRef(features) : null,
            FeatureSet = "small",
            Benchmark = benchmark is null ? null : new ArtifactRef(benchmark),
        }, CancellationToken.None);
    }

    /// <summary>Three rows n0..n2 of era 0001 with a target and one double feature column.</summary>
    private static async Task WriteDataAsync(string path, double[] feature)
    {
        var fields = new DataField[] { new("id", typeof(string), false), new("era", typeof(string), false), new("target", typeof(double), false), new("feature_a", typeof(double), false) };
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(fields[0], new[] { "n0", "n1", "n2" }, null);
        await group.WriteAsync(fields[1], new[] { "0001", "0001", "0001" }, null);
        await group.WriteAsync<double>(fields[2], new[] { 0.25, 0.5, 0.75 }.AsMemory(), null, null, CancellationToken.None);
        await group.WriteAsync<double>(fields[3], feature.AsMemory(), null, null, CancellationToken.None);
    }
}
