using System.Text.Json;
using NumeraiPipeline.Numerai.Scoring;

namespace Numerai.Metrics.Tests;

/// <summary>Every per-era value and summary of numerai-tools' expected.json, to 1e-9.</summary>
public sealed class FixtureAgreementTests
{
    private const double Tolerance = 1e-9;
    private static readonly Lazy<ScoringResult> Result = new(() => new ScoringEngine(new ScoringOptions()).Score(ScoringSample.Load()));

    public static TheoryData<string> Series() => ["corr", "mmc", "bmc", "fnc", "corr_with_meta_model"];

    [Theory]
    [MemberData(nameof(Series))]
    public void Per_era_values_match_numerai_tools(string series)
    {
        var expected = ScoringSample.Expected().GetProperty(series).GetProperty("per_era");
        var eras = Result.Value.Eras.ToDictionary(e => e.Era);
        eras.Count.ShouldBe(expected.EnumerateObject().Count());
        foreach (var era in expected.EnumerateObject())
        {
            var actual = Pick(series)(eras[era.Name]);
            actual.ShouldBe(era.Value.GetDouble(), Tolerance, $"{series} era {era.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(Series))]
    public void Summaries_match_numerai_tools(string series)
    {
        var expected = ScoringSample.Expected().GetProperty(series);
        var summary = Result.Value.Summary(Pick(series));
        summary.Eras.ShouldBe(expected.GetProperty("n_eras").GetInt32());
        summary.Mean.ShouldBe(expected.GetProperty("mean").GetDouble(), Tolerance);
        summary.Std.ShouldBe(expected.GetProperty("std").GetDouble(), Tolerance);
        summary.Sharpe.ShouldBe(expected.GetProperty("sharpe").GetDouble(), Tolerance);
        summary.StdDdof1.ShouldBe(expected.GetProperty("std_ddof1").GetDouble(), Tolerance);
        summary.MaxDrawdown.ShouldBe(expected.GetProperty("max_drawdown").GetDouble(), Tolerance);
    }

    [Fact]
    public void Max_feature_exposure_matches_numerai_tools()
    {
        var expected = ScoringSample.Expected().GetProperty("max_feature_exposure");
        var eras = Result.Value.Eras.ToDictionary(e => e.Era);
        foreach (var era in expected.GetProperty("per_era").EnumerateObject())
        {
            eras[era.Name].MaxFeatureExposure.ShouldBe(era.Value.GetDouble(), Tolerance, $"era {era.Name}");
            eras[era.Name].MaxExposureFeature.ShouldBe(expected.GetProperty("per_era_feature").GetProperty(era.Name).GetString());
        }

        var values = Result.Value.Eras.Select(e => e.MaxFeatureExposure).ToArray();
        values.Average().ShouldBe(expected.GetProperty("mean").GetDouble(), Tolerance);
        values.Max().ShouldBe(expected.GetProperty("max").GetDouble(), Tolerance);
    }

    [Fact]
    public void The_fixture_has_a_feature_constant_within_an_era_and_FNC_is_still_finite()
    {
        var data = ScoringSample.Load();
        var p = data.FeatureNames.Count;
        var constantSomewhere = data.Eras.Distinct().Any(era =>
        {
            var rows = Enumerable.Range(0, data.Rows).Where(i => data.Eras[i] == era).ToArray();
            return Enumerable.Range(0, p).Any(j => rows.Select(r => data.Features!.Row(r)[j]).Distinct().Count() == 1);
        });
        constantSomewhere.ShouldBeTrue();
        Result.Value.Eras.ShouldAllBe(e => double.IsFinite(e.Fnc));
    }

    private static Func<EraScore, double> Pick(string series) => series switch
    {
        "corr" => e => e.Corr,
        "mmc" => e => e.Mmc,
        "bmc" => e => e.Bmc,
        "fnc" => e => e.Fnc,
        "corr_with_meta_model" => e => e.CorrWithMetaModel,
        _ => throw new ArgumentOutOfRangeException(nameof(series)),
    };
}
