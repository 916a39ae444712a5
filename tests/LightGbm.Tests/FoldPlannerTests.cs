using NumeraiPipeline.Plugins.LightGbm.CrossValidation;

namespace NumeraiPipeline.LightGbm.Tests;

public sealed class FoldPlannerTests
{
    private static string[] Eras(int n) => [.. Enumerable.Range(1, n).Select(i => i.ToString("D4"))];

    [Theory]
    [InlineData(20, 3, 2)]
    [InlineData(20, 5, 4)]
    [InlineData(7, 7, 0)]
    [InlineData(101, 4, 3)]
    [InlineData(10, 2, 4)]
    public void Test_blocks_are_contiguous_disjoint_cover_every_era_and_the_embargo_keeps_its_distance(int n, int k, int embargo)
    {
        var eras = Eras(n);
        var folds = FoldPlanner.Plan(eras, k, embargo);

        folds.Count.ShouldBe(k);
        folds.SelectMany(f => f.TestEras).ShouldBe(eras);
        folds.Select(f => f.TestEras.Count).Max().ShouldBeLessThanOrEqualTo(folds.Select(f => f.TestEras.Count).Min() + 1);
        foreach (var fold in folds)
        {
            var position = fold.TestEras.Select(e => Array.IndexOf(eras, e)).ToArray();
            position.ShouldBe(Enumerable.Range(position[0], position.Length), "contiguous");
            var (first, last) = (position[0], position[^1]);

            // train, test and embargo split every era exactly once
            fold.TrainEras.Concat(fold.TestEras).Concat(fold.EmbargoedEras).Order(StringComparer.Ordinal).ShouldBe(eras);
            fold.TrainEras.Intersect(fold.TestEras).ShouldBeEmpty();

            // no training era within `embargo` eras of the test block; every era within it is embargoed
            foreach (var era in fold.TrainEras)
            {
                var i = Array.IndexOf(eras, era);
                (i < first - embargo || i > last + embargo).ShouldBeTrue($"fold {fold.Index}: era {era} trains within the embargo of {eras[first]}..{eras[last]}");
            }

            fold.EmbargoedEras.Count.ShouldBe(Math.Min(embargo, first) + Math.Min(embargo, n - 1 - last));
            fold.TrainEras.ShouldNotBeEmpty();
        }
    }

    [Fact]
    public void Blocks_are_sized_as_scikit_learns_kfold()
    {
        FoldPlanner.Plan(Eras(11), 3, 0).Select(f => f.TestEras.Count).ShouldBe([4, 4, 3]);
        var folds = FoldPlanner.Plan(Eras(10), 3, 1);
        folds[1].TestEras.ShouldBe(["0005", "0006", "0007"]);
        folds[1].EmbargoedEras.ShouldBe(["0004", "0008"]);
        folds[1].TrainEras.ShouldBe(["0001", "0002", "0003", "0009", "0010"]);
        folds[0].EmbargoedEras.ShouldBe(["0005"]);
    }

    [Fact]
    public void Fewer_eras_than_folds_or_an_embargo_that_leaves_nothing_to_train_on_is_refused()
    {
        Should.Throw<FoldLayoutException>(() => FoldPlanner.Plan(Eras(3), 4, 0)).Message
            .ShouldBe("the data has 3 era(s), fewer than folds=4: every fold needs at least one test era. Lower 'folds' to at most 3, or train on more eras (era_stride, data_type)");
        Should.Throw<FoldLayoutException>(() => FoldPlanner.Plan(Eras(6), 2, 3)).Message
            .ShouldBe("fold 1 of 2 has no era left to train on: its 3 test era(s) and embargo=3 on each side cover all 6 eras. Lower 'embargo' or raise 'folds' (smaller test blocks)");
        FoldPlanner.Plan(Eras(6), 2, 2).Select(f => f.TrainEras.Count).ShouldBe([1, 1]);
    }

    [Fact]
    public void Numeric_eras_sort_by_time_even_without_padding()
    {
        EraOrder.Sort(["10", "9", "100", "9"]).ShouldBe(["9", "10", "100"]);
        EraOrder.Sort(["era10", "era9"]).ShouldBe(["era10", "era9"]);
    }
}
