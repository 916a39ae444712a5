using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.Numerai.Metrics;
using NumeraiPipeline.Plugins.Numerai.Metrics.Neutralize;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace Numerai.Metrics.Tests.Neutralize;

public sealed class NeutralizeEdgeCaseTests
{
    [Fact]
    public void Zero_std_follows_pandas_numpy_pairwise_mean_and_a_single_value_is_not_constant()
    {
        // numpy: np.sum(np.full(10, 0.1)) == 1.0 (eight accumulators), while adding left to right gives 0.9999999999999999
        PandasStd.PairwiseSum(Enumerable.Repeat(0.1, 10).ToArray()).ShouldBe(1.0);
        Enumerable.Repeat(0.1, 10).Sum().ShouldNotBe(1.0);
        PandasStd.IsZero(Enumerable.Repeat(0.1, 10).ToArray()).ShouldBeTrue();

        // three values: (0.1 + 0.1 + 0.1) / 3 = 0.10000000000000002, so pandas' std is about 1.7e-17, not 0
        PandasStd.IsZero([0.1, 0.1, 0.1]).ShouldBeFalse();
        PandasStd.IsZero([0.5, 0.5, 0.5]).ShouldBeTrue();
        PandasStd.IsZero([0.25]).ShouldBeFalse();
        PandasStd.IsZero([0.5, 0.5000000000000001]).ShouldBeFalse();
        PandasStd.IsZero(Enumerable.Repeat(0.75, 1000).ToArray()).ShouldBeTrue();
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public async Task Constant_and_single_row_eras_come_out_as_numerai_tools_gives_them(double proportion)
    {
        using var ws = new TempWorkspace();
        var sample = NeutralizeSample.EdgeCases(seed: 21);
        var files = await sample.WriteAsync(ws.Path);
        await using var context = new TestStageContext(ws.Path, "neutralize");
        await new NeutralizeStage().RunAsync(context, new NeutralizeOptions
        {
            Predictions = new ArtifactRef(files.Predictions),
            Data = new ArtifactRef(files.Data),
            Features = new ArtifactRef(files.FeaturesJson),
            FeatureSet = "all",
            Proportion = proportion,
            Rank = false,
        }, CancellationToken.None);

        using var reader = NumeraiParquetReader.Open(context.TestOutputs.Files["predictions"]);
        var eras = reader.ReadStringColumn("era");
        var a = reader.ReadNumberColumn("prediction");
        var b = reader.ReadNumberColumn("prediction_b");
        int[] Rows(string era) => [.. Enumerable.Range(0, eras.Length).Where(k => eras[k] == era)];

        // ten rows of 0.1: std exactly 0, so NaN
        Rows("0001").ShouldAllBe(k => double.IsNaN(b[k]));

        // three rows of 0.1: std > 0 for pandas, the ones column fits them: (1 − proportion) · 0.1
        Rows("0002").ShouldAllBe(k => Math.Abs(b[k] - ((1 - proportion) * 0.1)) < 1e-12);

        // one row: std NaN (not 0), and the fit through one point is exact
        var single = Rows("0003").ShouldHaveSingleItem();
        a[single].ShouldBe((1 - proportion) * sample.Prediction[single], 1e-12);
        b[single].ShouldBe((1 - proportion) * sample.PredictionB[single], 1e-12);

        // the other columns and eras: the reference least squares
        var expectedA = sample.Expected(sample.FeatureNames, columnB: false, proportion);
        var expectedB = sample.Expected(sample.FeatureNames, columnB: true, proportion);
        for (var k = 0; k < a.Length; k++)
        {
            a[k].ShouldBe(expectedA[k], 1e-9, $"row {k} era {eras[k]}");
            if (eras[k] is "0003" or "0004")
            {
                b[k].ShouldBe(expectedB[k], 1e-9, $"row {k} era {eras[k]}");
            }
        }
    }
}
