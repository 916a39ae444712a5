using NumeraiPipeline.Numerai.Scoring;

namespace Numerai.Metrics.Tests;

public sealed class EngineTests
{
    private static string[] Ids() => ScoringSample.ReadCsv("targets.csv").Rows.Select(r => r[0]).ToArray();

    [Fact]
    public void Engine_agrees_with_the_naive_reference_on_the_fixture()
    {
        var data = ScoringSample.Load();
        var engine = new ScoringEngine(new ScoringOptions { MaxDegreeOfParallelism = 2 }).Score(data).Eras;
        var naive = NaiveReference.Score(Ids(), data);
        engine.Select(e => e.Era).ShouldBe(naive.Select(e => e.Era));
        for (var i = 0; i < naive.Count; i++)
        {
            engine[i].Corr.ShouldBe(naive[i].Corr, 1e-12);
            engine[i].Mmc.ShouldBe(naive[i].Mmc, 1e-12);
            engine[i].Bmc.ShouldBe(naive[i].Bmc, 1e-12);
            engine[i].Fnc.ShouldBe(naive[i].Fnc, 1e-9);
            engine[i].MaxFeatureExposure.ShouldBe(naive[i].Exposure, 1e-12);
        }
    }

    [Fact]
    public void Rows_without_target_are_dropped_and_unlabelled_eras_disappear()
    {
        var data = ScoringSample.Load();
        var target = (double[])data.Target.Clone();
        var rng = new Random(3);
        for (var i = 0; i < target.Length; i++)
        {
            if (data.Eras[i] == "0006" || (data.Eras[i] == "0002" && rng.NextDouble() < 0.3))
            {
                target[i] = double.NaN;
            }
        }

        var withNan = new ScoringData
        {
            Eras = data.Eras, Target = target, Prediction = data.Prediction, MetaModel = data.MetaModel,
            Benchmark = data.Benchmark, Features = data.Features, FeatureNames = data.FeatureNames,
        };
        var result = new ScoringEngine(new ScoringOptions()).Score(withNan);
        result.UnlabelledEras.ShouldBe(1);
        result.Eras.Select(e => e.Era).ShouldBe(["0001", "0002", "0003", "0004", "0005"]);
        var naive = NaiveReference.Score(Ids(), withNan).Single(e => e.Era == "0002");
        var era2 = result.Eras.Single(e => e.Era == "0002");
        era2.LabelledRows.ShouldBeLessThan(data.Eras.Count(e => e == "0002"));
        era2.Corr.ShouldBe(naive.Corr, 1e-12);
        era2.Mmc.ShouldBe(naive.Mmc, 1e-12);
        era2.Fnc.ShouldBe(naive.Fnc, 1e-9);
        result.Eras.Single(e => e.Era == "0001").Corr.ShouldBe(ScoringSample.Expected().GetProperty("corr").GetProperty("per_era").GetProperty("0001").GetDouble(), 1e-9);
    }

    [Fact]
    public void The_80_percent_rule_scores_partial_predictions_with_the_full_target_mean_and_skips_poor_coverage()
    {
        var data = ScoringSample.Load();
        var pred = (double[])data.Prediction.Clone();
        var eraRows = Enumerable.Range(0, data.Rows).Where(i => data.Eras[i] == "0003").ToArray();
        var era4Rows = Enumerable.Range(0, data.Rows).Where(i => data.Eras[i] == "0004").ToArray();
        foreach (var r in eraRows.Take(eraRows.Length / 10))
        {
            pred[r] = double.NaN; // 90 % coverage: scored
        }

        foreach (var r in era4Rows.Take(era4Rows.Length * 3 / 10))
        {
            pred[r] = double.NaN; // 70 % coverage: not scored
        }

        var partial = new ScoringData { Eras = data.Eras, Target = data.Target, Prediction = pred, MetaModel = data.MetaModel };
        var result = new ScoringEngine(new ScoringOptions()).Score(partial);
        var naive = NaiveReference.Score(Ids(), partial);
        var era3 = result.Eras.Single(e => e.Era == "0003");
        era3.Corr.ShouldBe(naive.Single(e => e.Era == "0003").Corr, 1e-12);
        era3.Mmc.ShouldBe(naive.Single(e => e.Era == "0003").Mmc, 1e-12);
        Math.Abs(era3.Corr - ScoringSample.Expected().GetProperty("corr").GetProperty("per_era").GetProperty("0003").GetDouble()).ShouldBeGreaterThan(1e-6);
        double.IsNaN(result.Eras.Single(e => e.Era == "0004").Corr).ShouldBeTrue();
        result.Notes.ShouldContain(n => n.StartsWith("era 0004: predictions cover", StringComparison.Ordinal));
        result.Summary(e => e.Corr).Eras.ShouldBe(5);
    }

    [Fact]
    public void Rows_without_a_meta_model_value_are_dropped_for_MMC_only()
    {
        var data = ScoringSample.Load();
        var meta = (double[])data.MetaModel!.Clone();
        var era1 = Enumerable.Range(0, data.Rows).Where(i => data.Eras[i] == "0001").ToArray();
        foreach (var r in era1.Take(era1.Length / 20))
        {
            meta[r] = double.NaN;
        }

        var withGaps = new ScoringData { Eras = data.Eras, Target = data.Target, Prediction = data.Prediction, MetaModel = meta };
        var result = new ScoringEngine(new ScoringOptions()).Score(withGaps).Eras.Single(e => e.Era == "0001");
        var naive = NaiveReference.Score(Ids(), withGaps).Single(e => e.Era == "0001");
        result.Mmc.ShouldBe(naive.Mmc, 1e-12);
        Math.Abs(result.Mmc - ScoringSample.Expected().GetProperty("mmc").GetProperty("per_era").GetProperty("0001").GetDouble()).ShouldBeGreaterThan(1e-6);
        result.Corr.ShouldBe(ScoringSample.Expected().GetProperty("corr").GetProperty("per_era").GetProperty("0001").GetDouble(), 1e-9);
    }

    [Fact]
    public void Results_do_not_depend_on_parallelism_or_row_order()
    {
        var data = ScoringSample.Load();
        var one = new ScoringEngine(new ScoringOptions { MaxDegreeOfParallelism = 1 }).Score(data).Eras;
        var order = Enumerable.Range(0, data.Rows).Reverse().ToArray();
        var p = data.FeatureNames.Count;
        var reversed = new ScoringData
        {
            Eras = order.Select(i => data.Eras[i]).ToArray(),
            Target = order.Select(i => data.Target[i]).ToArray(),
            Prediction = order.Select(i => data.Prediction[i]).ToArray(),
            MetaModel = order.Select(i => data.MetaModel![i]).ToArray(),
            Benchmark = order.Select(i => data.Benchmark![i]).ToArray(),
            Features = FeatureMatrix.FromRowMajor(order.SelectMany(i => data.Features!.Row(i).ToArray()).ToArray(), p),
            FeatureNames = data.FeatureNames,
        };
        var many = new ScoringEngine(new ScoringOptions { MaxDegreeOfParallelism = 4 }).Score(reversed).Eras;
        for (var i = 0; i < one.Count; i++)
        {
            many[i].Corr.ShouldBe(one[i].Corr, 1e-13);
            many[i].Mmc.ShouldBe(one[i].Mmc, 1e-13);
            many[i].Fnc.ShouldBe(one[i].Fnc, 1e-12);
        }
    }

    [Fact]
    public void Eras_without_meta_model_values_get_one_merged_note_and_no_MMC()
    {
        var data = ScoringSample.Load();
        var meta = data.MetaModel!.Select((v, i) => data.Eras[i] is "0005" or "0006" ? double.NaN : v).ToArray();
        var result = new ScoringEngine(new ScoringOptions()).Score(new ScoringData { Eras = data.Eras, Target = data.Target, Prediction = data.Prediction, MetaModel = meta });
        result.Notes.ShouldBe(["2 eras (0005 to 0006): no meta model values; its contribution is not scored"]);
        result.Summary(e => e.Mmc).Eras.ShouldBe(4);
        result.Eras.Single(e => e.Era == "0004").Mmc.ShouldBe(ScoringSample.Expected().GetProperty("mmc").GetProperty("per_era").GetProperty("0004").GetDouble(), 1e-9);
    }
}
