using System.Globalization;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Numerai.Api.Live;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Live.Tests;

/// <summary>numerai.performance against the sandbox's resolved and resolving history, on a fake clock.</summary>
public sealed class PerformanceStageTests
{
    [Fact]
    public async Task It_writes_every_round_and_the_means_of_the_last_resolved_rounds()
    {
        await using var s = await LiveSandbox.StartAsync(history: 40);
        await using var context = s.Context("performance");

        var result = await new PerformanceStage().RunAsync(context, new PerformanceOptions { ApiUrl = s.Url, Model = "demo_model" }, default);

        result.Status.ShouldBe(StageResultStatus.Succeeded, result.Message);
        // Rounds 960..999: resolved up to 977 (22 days after their staking close), then 19 scored daily, 3 not yet scored.
        var values = context.TestOutputs.Values;
        values["resolved_rounds"].ShouldBe("18");
        values["resolving_rounds"].ShouldBe("19");
        using var client = s.Client();
        var expected = (await client.GetRoundModelPerformancesAsync(s.Server.ModelIds["demo_model"])).Where(p => p.Resolved).ToList();
        double.Parse(values["corr_mean"], CultureInfo.InvariantCulture).ShouldBe(expected.Average(p => p.Score("canon_corr")!.Value), 1e-15);
        double.Parse(values["mmc_mean"], CultureInfo.InvariantCulture).ShouldBe(expected.Average(p => p.Score("canon_mmc")!.Value), 1e-15);
        double.Parse(values["bmc_mean"], CultureInfo.InvariantCulture).ShouldBe(expected.Average(p => p.Score("canon_bmc")!.Value), 1e-15);
        decimal.Parse(values["payout_total"], CultureInfo.InvariantCulture).ShouldBe(expected.Sum(p => p.Payout!.Value));

        var document = LivePerformance.Load(context.TestOutputs.Files["performance"]);
        document.Model.ShouldBe("demo_model");
        document.Rounds.Select(r => r.Round).ShouldBe([.. Enumerable.Range(960, 40)]);
        document.Rounds.Count(r => r.Status == LiveStatus.Resolved).ShouldBe(18);
        document.Rounds.Count(r => r.Status == LiveStatus.Pending).ShouldBe(3);
        document.Rounds.Where(r => r.Status == LiveStatus.Resolved).ShouldAllBe(r => r.Day == 20 && r.AtRisk == 100m && r.Payout != null);
        document.Rounds.Single(r => r.Round == 990).Day.ShouldBe(7);
        document.Summary.FirstRound.ShouldBe(960);
        document.Summary.LastRound.ShouldBe(977);
        var csv = File.ReadAllLines(context.TestOutputs.Files["rounds"]);
        csv[0].ShouldBe("round,status,day,corr,mmc,bmc,corr_with_meta_model,at_risk,payout,open_time,resolve_time");
        csv.Length.ShouldBe(41);
        csv[1].ShouldStartWith("960,resolved,20,");
        csv[^1].ShouldStartWith("999,pending,,");
        context.SummaryValues["live"].ShouldStartWith("corr ");
        context.SummaryValues["live"].ShouldEndWith("over 18 resolved rounds (960-977), 19 resolving");
    }

    [Fact]
    public async Task Live_rounds_sets_the_window_and_daily_fetches_the_intra_round_scores()
    {
        await using var s = await LiveSandbox.StartAsync(history: 40);
        await using var context = s.Context("performance");

        await new PerformanceStage().RunAsync(context, new PerformanceOptions { ApiUrl = s.Url, Model = "demo_model_2", LiveRounds = 5, Daily = true }, default);

        var document = LivePerformance.Load(context.TestOutputs.Files["performance"]);
        context.TestOutputs.Values["resolved_rounds"].ShouldBe("5");
        document.Summary.FirstRound.ShouldBe(973);
        double.Parse(context.TestOutputs.Values["corr_mean"], CultureInfo.InvariantCulture)
            .ShouldBe(document.Rounds.Where(r => r.Round is >= 973 and <= 977).Average(r => r.Corr!.Value), 1e-15);
        document.Rounds.Single(r => r.Round == 990).Daily!.Select(d => d.Day).ShouldBe([.. Enumerable.Range(1, 7)]);
        document.Rounds.Single(r => r.Round == 977).Daily!.Last().Corr.ShouldBe(document.Rounds.Single(r => r.Round == 977).Corr);
        document.Rounds.Single(r => r.Round == 999).Daily.ShouldBeNull();
    }

    [Fact]
    public async Task The_external_version_changes_when_a_round_gets_a_new_score()
    {
        await using var s = await LiveSandbox.StartAsync(history: 10);
        await using var context = s.Context("performance");
        var stage = new PerformanceStage();
        var options = new PerformanceOptions { ApiUrl = s.Url, Model = "demo_model" };

        var first = await stage.GetExternalVersionAsync(context, options, default);
        var same = await stage.GetExternalVersionAsync(context, options, default);
        s.Time.Advance(TimeSpan.FromMinutes(20)); // round 997's first score comes 1 h after round 1000 opened
        var laterSameDay = await stage.GetExternalVersionAsync(context, options, default);
        s.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = await stage.GetExternalVersionAsync(context, options, default);

        first.ShouldStartWith("performance-");
        same.ShouldBe(first);
        laterSameDay.ShouldBe(first, "no round got a score in those 20 minutes");
        nextDay.ShouldNotBe(first);
    }

    [Fact]
    public async Task A_model_that_is_not_the_accounts_is_NP6513()
    {
        await using var s = await LiveSandbox.StartAsync(history: 0);
        await using var context = s.Context("performance");

        var e = await Should.ThrowAsync<StageException>(() => new PerformanceStage().RunAsync(context, new PerformanceOptions { ApiUrl = s.Url, Model = "demo_modle" }, default));

        e.Code.ShouldBe(NumeraiErrors.UnknownModel.Code);
        e.Message.ShouldBe("stage 'performance': Numerai API: model 'demo_modle' is not one of this account's models (the account has: 'demo_model', 'demo_model_2'). Check the model name, or create the model on numer.ai.");
    }

    [Fact]
    public async Task A_bad_api_url_is_NP6801()
    {
        await using var s = await LiveSandbox.StartAsync(history: 0);
        await using var context = s.Context("performance");

        var e = await Should.ThrowAsync<StageException>(() => new PerformanceStage().RunAsync(context, new PerformanceOptions { ApiUrl = "ftp://numerai", Model = "demo_model" }, default));

        e.Code.ShouldBe("NP6801");
        e.ExitCode.ShouldBe(2);
        e.Message.ShouldBe("stage 'performance': option 'api_url': 'ftp://numerai' is not an http(s) URL. Set api_url or NUMERAI_API_URL to e.g. https://api-tournament.numer.ai.");
    }
}
