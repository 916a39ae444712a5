using System.Globalization;
using System.Text.Json;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Scoring;
using NumeraiPipeline.Plugins.Numerai.Metrics;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace Numerai.Metrics.Tests.Neutralize;

public sealed class NeutralizeStageTests
{
    [Theory]
    [InlineData(1.0, false)]
    [InlineData(0.5, false)]
    [InlineData(0.0, false)]
    [InlineData(0.5, true)]
    public async Task Neutralized_values_equal_numerai_tools_neutralize_per_era(double proportion, bool csv)
    {
        using var ws = new TempWorkspace();
        var sample = NeutralizeSample.Create(seed: 11);
        var files = await sample.WriteAsync(ws.Path, predictionsCsv: csv);
        await using var context = new TestStageContext(ws.Path, "neutralize");
        var result = await new NeutralizeStage().RunAsync(context, new NeutralizeOptions
        {
            Predictions = new ArtifactRef(files.Predictions),
            Data = new ArtifactRef(files.Data),
            Features = new ArtifactRef(files.FeaturesJson),
            FeatureSet = "small",
            Proportion = proportion,
            Rank = false,
        }, CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Succeeded);
        var written = ReadOutput(context);
        written.Ids.ShouldBe(sample.PredictionRows.Select(r => sample.Ids[r]).ToArray());
        written.Eras.ShouldBe(sample.PredictionRows.Select(r => sample.Eras[r]).ToArray());
        foreach (var (column, b) in new[] { ("prediction", false), ("prediction_b", true) })
        {
            var expected = sample.Expected(sample.SmallSet, b, proportion);
            var actual = written.Values[column];
            for (var k = 0; k < expected.Length; k++)
            {
                if (double.IsNaN(expected[k]))
                {
                    actual[k].ShouldBe(double.NaN, $"{column} row {k} (era {written.Eras[k]})");
                }
                else
                {
                    actual[k].ShouldBe(expected[k], 1e-9, $"{column} row {k} (era {written.Eras[k]})");
                }
            }
        }

        // NaN only where numerai-tools has nothing to fit: NaN inputs, and prediction_b's constant era
        written.Values["prediction"].Count(double.IsNaN).ShouldBe(0);
        written.Values["prediction_b"].Where((v, k) => written.Eras[k] == "0005").ShouldAllBe(v => double.IsNaN(v));
    }

    [Fact]
    public async Task Ranked_output_is_the_ensembles_per_era_percent_rank_of_the_neutralized_values()
    {
        using var ws = new TempWorkspace();
        var sample = NeutralizeSample.Create(seed: 12);
        var files = await sample.WriteAsync(ws.Path);
        await using var context = new TestStageContext(ws.Path, "neutralize");
        await new NeutralizeStage().RunAsync(context, new NeutralizeOptions
        {
            Predictions = new ArtifactRef(files.Predictions),
            Data = new ArtifactRef(files.Data),
            Features = new ArtifactRef(files.FeaturesJson),
            FeatureSet = "small",
            Proportion = 0.5,
        }, CancellationToken.None);

        var written = ReadOutput(context);
        var expected = sample.Expected(sample.SmallSet, columnB: false, 0.5);
        var ranked = new double[expected.Length];
        foreach (var era in written.Eras.Distinct())
        {
            Ranks.PercentAmong(expected, Enumerable.Range(0, expected.Length).Where(k => written.Eras[k] == era).ToArray(), ranked);
        }

        written.Values["prediction"].ShouldBe(ranked, 1e-15);
        written.Values["prediction"].ShouldAllBe(v => v > 0 && v <= 1);

        // the CSV holds the same numbers, for numerai.submit
        var csv = PredictionsFile.Read(context.TestOutputs.Files["csv"]);
        csv.Ids.ShouldBe(written.Ids);
        csv.Values.ShouldBe(written.Values["prediction"]);
    }

    [Fact]
    public async Task Full_neutralization_removes_linear_exposure_and_reports_it()
    {
        using var ws = new TempWorkspace();
        var sample = NeutralizeSample.Create(seed: 13);
        var files = await sample.WriteAsync(ws.Path);
        await using var context = new TestStageContext(ws.Path, "neutralize");
        await new NeutralizeStage().RunAsync(context, new NeutralizeOptions
        {
            Predictions = new ArtifactRef(files.Predictions),
            PredictionColumns = ["prediction"],
            Data = new ArtifactRef(files.Data),
            Columns = ["feature_a00", "feature_d03", "feature_m12"],
            Rank = false,
        }, CancellationToken.None);

        var values = context.TestOutputs.Values;
        values["rows"].ShouldBe(sample.PredictionRows.Length.ToString(CultureInfo.InvariantCulture));
        values["eras"].ShouldBe("6");
        var before = double.Parse(values["exposure_before"], CultureInfo.InvariantCulture);
        var after = double.Parse(values["exposure_after"], CultureInfo.InvariantCulture);
        before.ShouldBeGreaterThan(0.3);
        after.ShouldBeLessThan(1e-9);
        context.SummaryValues["exposure"].ShouldBe($"{before.ToString("0.0000", CultureInfo.InvariantCulture)} -> 0.0000");

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(context.TestOutputs.Files["report"]));
        var root = report.RootElement;
        root.GetProperty("proportion").GetDouble().ShouldBe(1.0);
        root.GetProperty("feature_set").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("features").GetInt32().ShouldBe(3);
        var column = root.GetProperty("columns").GetProperty("prediction");
        column.GetProperty("exposure_before").GetDouble().ShouldBe(before, 1e-15);
        column.GetProperty("per_era").EnumerateObject().Select(e => e.Name).ShouldBe(["0001", "0002", "0003", "0004", "0005", "0006"]);
        column.GetProperty("per_era").GetProperty("0002").GetProperty("rank").GetInt32().ShouldBe(3);
        context.ProgressReports.Last().ShouldBe(new StageProgress("neutralizing eras", 6, 6, "eras"));
    }

    [Fact]
    public async Task Eras_split_over_row_groups_and_blocks_give_the_same_result()
    {
        using var ws = new TempWorkspace();
        var sample = NeutralizeSample.Create(seed: 14);
        var one = await sample.WriteAsync(Directory.CreateDirectory(Path.Combine(ws.Path, "one")).FullName, rowGroupRows: 100_000);
        var many = await sample.WriteAsync(Directory.CreateDirectory(Path.Combine(ws.Path, "many")).FullName, rowGroupRows: 37);
        var results = new List<Dictionary<string, double[]>>();
        foreach (var (files, parallelism) in new[] { (one, 1), (many, 3) })
        {
            await using var context = new TestStageContext(ws.Path, "neutralize");
            await new NeutralizeStage().RunAsync(context, new NeutralizeOptions
            {
                Predictions = new ArtifactRef(files.Predictions),
                Data = new ArtifactRef(files.Data),
                Features = new ArtifactRef(files.FeaturesJson),
                FeatureSet = "all",
                Rank = false,
                Parallelism = parallelism,
            }, CancellationToken.None);
            results.Add(ReadOutput(context).Values);
        }

        results[1]["prediction"].ShouldBe(results[0]["prediction"], 1e-12);
        results[1]["prediction_b"].Select(double.IsNaN).ShouldBe(results[0]["prediction_b"].Select(double.IsNaN));
    }

    private static (string[] Ids, string[] Eras, Dictionary<string, double[]> Values) ReadOutput(TestStageContext context)
    {
        using var reader = NumeraiParquetReader.Open(context.TestOutputs.Files["predictions"]);
        reader.IdColumn.ShouldBe("id");
        var columns = reader.Columns.Where(c => c is not "id" and not "era").ToList();
        return (reader.ReadStringColumn("id"), reader.ReadStringColumn("era"), columns.ToDictionary(c => c, c => reader.ReadNumberColumn(c)));
    }
}
