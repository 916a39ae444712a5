using NumeraiPipeline.Numerai.Scoring;

namespace Numerai.Metrics.Tests;

public sealed class PrimitiveTests
{
    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.025, -1.959963984540054)]
    [InlineData(0.1, -1.2815515655446004)]
    [InlineData(0.001, -3.090232306167813)]
    [InlineData(0.8413447460685429, 1.0)]
    public void Inverse_normal_matches_known_quantiles_to_1e_15(double p, double expected) =>
        InverseNormal.Quantile(p).ShouldBe(expected, 1e-15 * Math.Max(1, Math.Abs(expected)));

    [Fact]
    public void Inverse_normal_is_antisymmetric_and_handles_the_ends()
    {
        foreach (var p in new[] { 0.25, 0.125, 0.0625, 1.0 / 1024, 1.0 / (1 << 20), 1.0 / (1L << 40) })
        {
            InverseNormal.Quantile(1 - p).ShouldBe(-InverseNormal.Quantile(p), 1e-14 * Math.Abs(InverseNormal.Quantile(p)));
        }

        double.IsNegativeInfinity(InverseNormal.Quantile(0)).ShouldBeTrue();
        double.IsPositiveInfinity(InverseNormal.Quantile(1)).ShouldBeTrue();
        double.IsNaN(InverseNormal.Quantile(1.5)).ShouldBeTrue();
    }

    [Fact]
    public void Tie_kept_ranks_average_equal_values() =>
        Ranking.AverageRanks([3.0, 1.0, 3.0, 2.0, 3.0]).ShouldBe([4.0, 1.0, 4.0, 2.0, 4.0]);

    [Fact]
    public void Gaussian_ranks_of_ties_share_one_value()
    {
        var values = new[] { 0.2, 0.9, 0.2, 0.5 };
        var dest = new double[4];
        Ranking.GaussianRanks(values, dest, new RankScratch());
        dest[0].ShouldBe(dest[2]);
        dest[0].ShouldBe(InverseNormal.Quantile((1.5 - 0.5) / 4), 1e-15);
        dest[1].ShouldBe(InverseNormal.Quantile(3.5 / 4), 1e-15);
    }

    [Fact]
    public void Radix_order_sorts_negative_zero_infinite_and_tied_values()
    {
        var rng = new Random(9);
        var values = Enumerable.Range(0, 3000).Select(_ => Math.Round((rng.NextDouble() - 0.5) * 1e3, rng.Next(0, 4))).ToList();
        values.AddRange([-0.0, 0.0, double.NegativeInfinity, double.PositiveInfinity, double.Epsilon, -double.Epsilon, 1e300, -1e-300]);
        var array = values.ToArray();
        var order = Ranking.SortedOrder(array, new RankScratch()).ToArray();
        order.Select(i => array[i]).ShouldBe(array.Order().ToArray());
        order.Distinct().Count().ShouldBe(array.Length);

        var dest = new double[array.Length];
        Ranking.GaussianRanks(array, dest, new RankScratch());
        var ranks = Ranking.AverageRanks(array);
        for (var i = 0; i < array.Length; i++)
        {
            dest[i].ShouldBe(InverseNormal.Quantile((ranks[i] - 0.5) / array.Length), 1e-15);
        }
    }

    [Fact]
    public void Max_drawdown_peak_starts_at_the_first_era()
    {
        SeriesSummary.Drawdown([-0.006, 0.073, -0.005]).ShouldBe(0.005, 1e-15);
        SeriesSummary.Drawdown([0.01, 0.02, 0.03]).ShouldBe(0.0);
        SeriesSummary.Drawdown([0.05, -0.02, -0.02, 0.01, -0.03]).ShouldBe(0.06, 1e-15);
    }

    [Fact]
    public void Summary_uses_population_std_and_skips_nan()
    {
        var s = SeriesSummary.From([0.01, double.NaN, 0.03]);
        s.Eras.ShouldBe(2);
        s.Mean.ShouldBe(0.02, 1e-15);
        s.Std.ShouldBe(0.01, 1e-15);
        s.Sharpe.ShouldBe(2.0, 1e-12);
    }
}
