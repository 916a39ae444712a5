using System.Globalization;
using System.Text;
using Numerai.Metrics.Tests;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.Plugins.Numerai.Metrics;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Api.Tests;

/// <summary>Rounds resolve on the sandbox clock with Numerai's scoring, from the synthetic live targets the sandbox knows.</summary>
public sealed class SandboxResolutionTests
{
    [Fact]
    public async Task A_resolved_rounds_scores_are_numerai_metrics_scores_of_the_submission_against_the_rounds_outcome()
    {
        await using var s = await SyntheticSandbox.StartAsync(SandboxRoundState.Open, history: 30);
        using var client = s.DemoClient();
        var performance = (await client.GetRoundModelPerformancesAsync(s.ModelId())).Single(p => p.RoundNumber == 975);
        performance.Resolved.ShouldBeTrue();
        var auth = await client.GetSubmissionDownloadAuthAsync(performance.SubmissionId!);
        var submitted = s.Workspace.File("submitted.csv");
        await client.DownloadFileAsync(auth.Url, submitted);

        // The round's outcome as the sandbox's generator computes it (the same options), scored by the numerai.metrics stage.
        var outcome = SyntheticLiveOutcome.Compute(new SyntheticDatasetOptions
        {
            Version = "v5.2", TrainRows = 1200, TrainEras = 12, FeatureCount = 8, ValidationEras = 4, UnlabelledValidationEras = 1, Seed = 7, Round = 975,
        });
        await WriteCsvAsync(s.Workspace.File("data.csv"), "id,era,target", outcome.Ids.Select((id, i) => $"{id},0975,{F(outcome.Target[i])}"));
        await WriteCsvAsync(s.Workspace.File("meta.csv"), "id,numerai_meta_model", outcome.Ids.Select((id, i) => $"{id},{F(outcome.MetaModel[i])}"));
        await WriteCsvAsync(s.Workspace.File("bench.csv"), "id,v52_lgbm_ender20", outcome.Ids.Select((id, i) => $"{id},{F(outcome.Benchmark[i])}"));
        await using var context = s.Context("metrics");
        var result = await new MetricsStage().RunAsync(context, new MetricsOptions
        {
            Predictions = Ref(submitted),
            Data = Ref(s.Workspace.File("data.csv")),
            MetaModel = Ref(s.Workspace.File("meta.csv")),
            Benchmark = Ref(s.Workspace.File("bench.csv")),
        }, default);
        result.Status.ShouldBe(StageResultStatus.Succeeded, result.Message);
        double Output(string name) => double.Parse(context.TestOutputs.Values[name], CultureInfo.InvariantCulture);

        var corr = performance.Score("canon_corr")!.Value;
        var mmc = performance.Score("canon_mmc")!.Value;
        corr.ShouldBe(Output("corr_mean"), 1e-12);
        mmc.ShouldBe(Output("mmc_mean"), 1e-12);
        performance.Score("canon_bmc")!.Value.ShouldBe(Output("bmc_mean"), 1e-12);

        // and numerai-tools' formulas written out naively, as a second, independent check
        var predictions = PredictionsFile.Read(submitted);
        var p = predictions.Ids.Select((id, i) => (id, v: predictions.Values[i])).ToDictionary(x => x.id, x => x.v);
        var t = outcome.Ids.Select((id, i) => (id, v: outcome.Target[i])).ToDictionary(x => x.id, x => x.v);
        var m = outcome.Ids.Select((id, i) => (id, v: outcome.MetaModel[i])).ToDictionary(x => x.id, x => x.v);
        corr.ShouldBe(NaiveReference.NumeraiCorr(p, t), 1e-9);
        mmc.ShouldBe(NaiveReference.Contribution(p, m, t), 1e-9);

        // payout = stake × clip(payout factor × (0.5 × CORR + 2 × MMC), ±5 %), settled once resolved
        performance.AtRisk.ShouldBe(100m);
        performance.Payout.ShouldBe(Math.Round(100m * (decimal)Math.Clamp((0.5 * corr) + (2 * mmc), -0.05, 0.05), 6));
        performance.Scores[0].PayoutPending.ShouldBe(0m);
    }

    [Fact]
    public async Task A_new_submission_gets_daily_scores_three_days_after_the_close_and_resolves_on_day_20()
    {
        await using var s = await SyntheticSandbox.StartAsync(SandboxRoundState.Open);
        using var client = s.DemoClient();
        var modelId = s.ModelId();
        var example = s.Workspace.File("example.parquet");
        await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/live_example_preds.parquet"), example);
        var predictions = PredictionsFile.Read(example);
        var csv = s.Workspace.File("example.csv");
        PredictionsFile.WriteCsv(csv, predictions.Ids, predictions.Values);
        var upload = await client.GetSubmissionUploadAuthAsync("example.csv", modelId);
        await client.UploadFileAsync(upload.Url, csv);
        var id = await client.CreateSubmissionAsync(upload.Filename, modelId);

        var before = (await client.GetRoundModelPerformancesAsync(modelId)).ShouldHaveSingleItem();
        before.RoundNumber.ShouldBe(1000);
        before.Scores.ShouldBeEmpty();
        before.SubmissionId.ShouldBe(id);

        // Round 1000 is the current round and always open (fixed state) until 1001 opens; as a past round it has its
        // schedule's times: staking closed 1 h after it opened, and its first score comes 3 days after that.
        s.Time.Advance(TimeSpan.FromDays(4) - TimeSpan.FromMinutes(30));
        var day1 = (await client.GetRoundModelPerformancesAsync(modelId, includeDailyScores: true)).ShouldHaveSingleItem();
        day1.Resolved.ShouldBeFalse();
        day1.DailyScores.Select(d => d.Day).Distinct().ShouldBe([1]);
        day1.Payout.ShouldBe(day1.Scores[0].PayoutPending);
        day1.Scores[0].PayoutSettled.ShouldBe(0m);

        s.Time.Advance(TimeSpan.FromDays(19));
        var resolved = (await client.GetRoundModelPerformancesAsync(modelId, includeDailyScores: true)).ShouldHaveSingleItem();
        resolved.Resolved.ShouldBeTrue();
        resolved.DailyScores.Select(d => d.Day).Distinct().ShouldBe([.. Enumerable.Range(1, 20)]);
        resolved.Scores.ShouldAllBe(x => x.Day == 20);
        resolved.Score("canon_corr")!.Value.ShouldBeInRange(-1, 1);
        resolved.DailyScores.Single(d => d is { Day: 20, DisplayName: "canon_corr" }).Value.ShouldBe(resolved.Score("canon_corr"));
        (await client.ListRoundsAsync(RoundStatus.Resolved)).Select(r => r.Number).ShouldBe([1000]);
        var scores = await client.GetSubmissionScoresAsync(modelId);
        scores.Count.ShouldBe(20 * 4);
        scores.Where(x => x.Resolved).Select(x => x.DisplayName).ShouldBe(["canon_corr", "canon_mmc", "canon_bmc", "corr_w_meta_model"]);
    }

    [Fact]
    public async Task The_history_has_a_steady_model_and_a_decaying_one()
    {
        // 2000 live rows a round, so one round's CORR is within about ±0.02 of what the predictions were made to score.
        await using var s = await SyntheticSandbox.StartAsync(SandboxRoundState.Open, history: 100, rows: 24_000, features: 40);
        using var client = s.DemoClient();

        var steady = (await client.GetRoundModelPerformancesAsync(s.ModelId())).Where(p => p.Resolved).ToList();
        var decaying = (await client.GetRoundModelPerformancesAsync(s.ModelId("demo_model_2"))).Where(p => p.Resolved).ToList();

        steady.Count.ShouldBe(78);
        Mean(steady.Take(20)).ShouldBeGreaterThan(0.0);
        Mean(decaying.TakeLast(20)).ShouldBeGreaterThan(0.0, "the decaying model was good at first");
        Mean(decaying.Take(20)).ShouldBeLessThan(0.0, "and is bad in its last 20 resolved rounds");
        var again = await SyntheticSandbox.StartAsync(SandboxRoundState.Open, history: 100, rows: 24_000, features: 40);
        await using (again)
        {
            using var other = again.DemoClient();
            (await other.GetRoundModelPerformancesAsync(again.ModelId())).Where(p => p.Resolved).Select(p => p.Score("canon_corr")).ShouldBe(steady.Select(p => p.Score("canon_corr")), "history is deterministic");
        }
    }

    private static double Mean(IEnumerable<RoundPerformance> rounds) => rounds.Average(r => r.Score("canon_corr")!.Value);

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static ArtifactRef Ref(string path) => new(path);

    private static Task WriteCsvAsync(string path, string header, IEnumerable<string> lines) =>
        File.WriteAllTextAsync(path, header + "\n" + string.Join("\n", lines) + "\n", Encoding.UTF8);
}
