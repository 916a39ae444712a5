using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Sandbox;

namespace NumeraiPipeline.Numerai.Api.Tests;

/// <summary>The client's account, round, performance, submission-file, diagnostics and webhook operations over real HTTP against the sandbox.</summary>
public sealed class LiveClientTests
{
    [Fact]
    public async Task Account_and_models_with_stakes_wallet_and_webhooks()
    {
        await using var s = await SyntheticSandbox.StartAsync(SandboxRoundState.Open, history: 3);
        using var client = s.DemoClient();

        var account = await client.GetAccountAsync();
        account.Username.ShouldBe("sandbox");
        account.AvailableNmr.ShouldBe(250m);
        account.WalletAddress.ShouldStartWith("0x");
        account.Models.Select(m => (m.Name, m.Tournament, m.Stake, m.SubmissionWebhook)).ShouldBe([("demo_model", 8, (decimal?)100m, (string?)null), ("demo_model_2", 8, 100m, null)]);

        (await client.SetSubmissionWebhookAsync(s.ModelId(), "https://trigger.example/numerai/compute?secret=abc")).ShouldBeTrue();
        (await client.GetModelAsync(s.ModelId())).ShouldBe(new AccountModel(s.ModelId(), "demo_model", 8, "https://trigger.example/numerai/compute?secret=abc", 100m, "confirmed"));
        (await client.GetAccountAsync()).Models[0].SubmissionWebhook.ShouldBe("https://trigger.example/numerai/compute?secret=abc");
        (await client.SetSubmissionWebhookAsync(s.ModelId(), null)).ShouldBeTrue();
        (await client.GetModelAsync(s.ModelId())).SubmissionWebhook.ShouldBeNull();

        var bad = await Should.ThrowAsync<NumeraiApiException>(() => client.SetSubmissionWebhookAsync(s.ModelId(), "ftp://x"));
        bad.Code.ShouldBe(NumeraiErrors.ServerReportedError.Code);
        bad.Message.ShouldBe("Numerai API reported an error for 'setSubmissionWebhook': Invalid webhook: it must be an http or https URL. Act on Numerai's message, or run again if the error was temporary.");
        bad.ServerMessage.ShouldBe("Invalid webhook: it must be an http or https URL.");
        var foreign = await Should.ThrowAsync<NumeraiApiException>(() => client.GetModelAsync(Guid.NewGuid().ToString()));
        foreign.ServerMessage.ShouldBe("Model not found or not owned by this account.");
    }

    [Fact]
    public async Task Rounds_with_their_calendar_and_status_filter()
    {
        await using var s = await SyntheticSandbox.StartAsync(SandboxRoundState.Open, history: 30);
        using var client = s.DemoClient();

        var all = await client.ListRoundsAsync();
        var resolved = await client.ListRoundsAsync(RoundStatus.Resolved, limit: 3);
        var resolving = await client.ListRoundsAsync(RoundStatus.Resolving);

        all.Select(r => r.Number).ShouldBe([.. Enumerable.Range(970, 31).Reverse()]);
        resolved.Select(r => r.Number).ShouldBe([977, 976, 975]);
        resolving.Select(r => r.Number).ShouldBe([.. Enumerable.Range(978, 22).Reverse()]);
        var r975 = resolved[2];
        r975.OpenTime.ShouldBe(SandboxHarness.Anchor.AddDays(-25));
        r975.CloseStakingTime.ShouldBe(SandboxHarness.Anchor.AddDays(-25).AddHours(1));
        r975.ScoreTime.ShouldBe(r975.CloseStakingTime!.Value.AddDays(3));
        r975.ResolveTime.ShouldBe(r975.ScoreTime!.Value.AddDays(19));
        r975.Resolved.ShouldBeTrue();
        (r975.PayoutFactor, r975.CorrMultiplier, r975.MmcMultiplier).ShouldBe((1.0, 0.5, 2.0));
    }

    [Fact]
    public async Task Round_performances_and_the_submitted_file()
    {
        await using var s = await SyntheticSandbox.StartAsync(SandboxRoundState.Open, history: 30);
        using var client = s.DemoClient();

        var rounds = await client.GetRoundModelPerformancesAsync(s.ModelId("demo_model_2"), includeDailyScores: true);
        var submissions = await client.GetSubmissionsAsync(s.ModelId("demo_model_2"));

        rounds.Count.ShouldBe(30);
        rounds.Count(r => r.Resolved).ShouldBe(8);
        var r985 = rounds.Single(r => r.RoundNumber == 985);
        r985.Resolved.ShouldBeFalse();
        r985.Scores.ShouldAllBe(x => x.Day == 12);
        r985.DailyScores.Count.ShouldBe(48);
        r985.Payout.ShouldBe(r985.Scores[0].PayoutPending);
        r985.SubmissionId.ShouldBe(submissions.Single(x => x.RoundNumber == 985).Id);

        var auth = await client.GetSubmissionDownloadAuthAsync(r985.SubmissionId!);
        auth.Filename.ShouldBe(submissions.Single(x => x.RoundNumber == 985).Filename);
        var path = s.Workspace.File(auth.Filename);
        await client.DownloadFileAsync(auth.Url, path);
        var file = PredictionsFile.Read(path);
        file.Count.ShouldBe(100);
        file.Values.ShouldAllBe(v => v > 0 && v < 1);
    }

    [Fact]
    public async Task Diagnostics_upload_then_pending_then_done()
    {
        await using var s = await SyntheticSandbox.StartAsync(SandboxRoundState.Open);
        using var client = s.DemoClient();
        var validation = s.Workspace.File("validation.parquet");
        await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/validation.parquet"), validation);
        var ids = NumeraiParquetReader.Open(validation).ReadStringColumn("id");
        var csv = s.Workspace.File("diagnostics.csv");
        PredictionsFile.WriteCsv(csv, ids, [.. ids.Select((_, i) => (i % 97 + 0.5) / 97.0)]);

        var id = await client.UploadDiagnosticsAsync(csv, s.ModelId());
        var pending = await client.GetDiagnosticsAsync(s.ModelId(), id);
        s.Time.Advance(TimeSpan.FromMinutes(1));
        var done = await client.GetDiagnosticsAsync(s.ModelId(), id);

        pending!.Status.ShouldBe("pending");
        pending.IsDone.ShouldBeFalse();
        done!.IsDone.ShouldBeTrue();
        done.Metric("validationCorrMean").ShouldNotBeNull();
        done.Eras.Count.ShouldBe(3, "4 validation eras, the last unlabelled");
        done.Eras.ShouldAllBe(e => e.Corr != null && e.Bmc != null);
        done.Eras.Count(e => e.Mmc != null).ShouldBe(1, "the meta model covers the later half of validation only");
        (await client.GetDiagnosticsAsync(s.ModelId(), Guid.NewGuid().ToString())).ShouldBeNull();
        s.Server.Requests.Count(r => r.Method == "PUT" && r.Path.StartsWith("/uploads/diagnostics-", StringComparison.Ordinal)).ShouldBe(1);
    }
}
