using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.Plugins.Numerai.Submit;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Api.Tests;

public sealed class SubmitStageTests
{
    [Fact]
    public async Task Submits_confirms_and_records_in_the_ledger()
    {
        // The sandbox takes keys of its own: the stage must send the configured ones to this loopback endpoint.
        await using var s = await SyntheticSandbox.StartAsync(keys: SyntheticSandbox.OwnKeys);
        await using var context = s.Context("submit", stageType: "numerai.submit");
        var options = await OptionsAsync(s, i => (i % 97) / 97.0);

        var result = await new SubmitStage().RunAsync(context, options, default);

        result.Status.ShouldBe(StageResultStatus.Succeeded);
        var id = context.TestOutputs.Values["submission_id"];
        s.Server.Submissions.ShouldHaveSingleItem().Id.ShouldBe(id);
        s.Server.Submissions[0].TriggerId.ShouldBe("trigger-7");
        context.TestOutputs.Values["round"].ShouldBe("1000");
        var csv = File.ReadAllText(context.TestOutputs.Files["csv"]);
        csv.ShouldStartWith("id,prediction\n");
        var ledger = File.ReadAllLines(Ledger(s));
        ledger.ShouldHaveSingleItem().ShouldContain(id);
        s.Server.Requests.Where(r => r.Method == "PUT").ShouldHaveSingleItem().HadAuthorization.ShouldBeFalse();
        context.StateSaves.ShouldBe(1, "the ledger is saved to the store before the lease is given back");
        // The uploaded file carries the CSV's hash; Numerai (here the sandbox) appends its own suffix.
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(context.TestOutputs.Files["csv"])));
        Path.GetFileName(context.TestOutputs.Files["csv"]).ShouldBe($"demo_model-{sha[..16]}.csv");
        s.Server.Submissions[0].Filename.ShouldStartWith($"demo_model-{sha[..16]}-");
    }

    [Fact]
    public async Task Same_predictions_same_round_declines_unless_forced()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        var options = await OptionsAsync(s, i => (i % 89) / 89.0);
        string firstId;
        await using (var first = s.Context("submit", stageType: "numerai.submit"))
        {
            (await new SubmitStage().RunAsync(first, options, default)).Status.ShouldBe(StageResultStatus.Succeeded);
            firstId = first.TestOutputs.Values["submission_id"];
        }

        await using (var again = s.Context("submit", stageType: "numerai.submit"))
        {
            var result = await new SubmitStage().RunAsync(again, options, default);
            result.Status.ShouldBe(StageResultStatus.Declined);
            result.Code.ShouldBe("NP6305");
            result.Message.ShouldBe($"these predictions were already submitted for 'demo_model' in round 1000 (submission {firstId}, at {s.Time.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm} UTC, from the ledger). Set force: true to submit them again.");
        }

        s.Server.Submissions.Count.ShouldBe(1);
        options.Force = true;
        await using (var forced = s.Context("submit", stageType: "numerai.submit"))
        {
            (await new SubmitStage().RunAsync(forced, options, default)).Status.ShouldBe(StageResultStatus.Succeeded);
        }

        s.Server.Submissions.Count.ShouldBe(2);
        var other = await OptionsAsync(s, i => (i % 83) / 83.0);
        await using (var changed = s.Context("submit", stageType: "numerai.submit"))
        {
            (await new SubmitStage().RunAsync(changed, other, default)).Status.ShouldBe(StageResultStatus.Succeeded);
        }

        s.Server.Submissions.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_new_round_changes_the_external_version()
    {
        await using var s = await SyntheticSandbox.StartAsync(state: null);
        await using var context = s.Context("submit", stageType: "numerai.submit");
        var options = await OptionsAsync(s, i => i / 1000.0);
        (await new SubmitStage().GetExternalVersionAsync(context, options, default)).ShouldBe("round-1000");
        s.Time.Advance(TimeSpan.FromDays(1));
        (await new SubmitStage().GetExternalVersionAsync(context, options, default)).ShouldBe("round-1001");
        s.Time.Advance(TimeSpan.FromHours(3));
        (await new SubmitStage().GetExternalVersionAsync(context, options, default)).ShouldBe("round-closed");
    }

    [Fact]
    public async Task Invalid_predictions_fail_before_anything_is_uploaded()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("submit", stageType: "numerai.submit");
        var options = await OptionsAsync(s, _ => 0.5);
        var before = s.Server.Requests.Count;
        var e = await Should.ThrowAsync<StageException>(() => new SubmitStage().RunAsync(context, options, default));
        e.Code.ShouldBe("NP6301");
        e.ExitCode.ShouldBe(1);
        e.Message.ShouldBe($"stage 'submit': the predictions in '{Path.GetFileName(options.Predictions!.Path)}' break Numerai's submission rules: {SubmissionRules.ZeroStd}. Nothing was uploaded. The model predicts a constant; check the model and its features.");
        s.Server.Requests.Count.ShouldBe(before);
        context.TestOutputs.Files.ShouldBeEmpty();
    }

    [Fact]
    public async Task Missing_live_ids_are_caught_with_the_live_file()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("submit", stageType: "numerai.submit");
        var ids = await s.LiveIdsAsync();
        var livePath = s.Workspace.File("live.parquet");
        PredictionsFile.WriteParquet(livePath, ids, [.. ids.Select(_ => 0.0)]);
        var options = await OptionsAsync(s, i => i / 1000.0, drop: 1);
        options.Live = new ArtifactRef(livePath);
        var e = await Should.ThrowAsync<StageException>(() => new SubmitStage().RunAsync(context, options, default));
        e.Message.ShouldContain(SubmissionRules.MissingIds);
        s.Server.Requests.ShouldNotContain(r => r.Method == "PUT");
    }

    [Fact]
    public async Task Numerai_rejecting_the_uploaded_file_is_NP6302_with_its_message()
    {
        // Without the live file the ids are not checked before the upload; Numerai checks them and refuses.
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("submit", stageType: "numerai.submit");
        var options = await OptionsAsync(s, i => i / 1000.0, drop: 1);

        var e = await Should.ThrowAsync<StageException>(() => new SubmitStage().RunAsync(context, options, default));

        e.Code.ShouldBe("NP6302");
        e.ExitCode.ShouldBe(1);
        e.Message.ShouldBe("stage 'submit': Numerai rejected the submission: invalid_submission_ids: Not enough stocks submitted. Are you using the latest live ids or live universe? Fix the predictions file and submit again.");
        s.Server.Submissions.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_submission_Numerai_does_not_list_is_NP6306_and_not_recorded()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("submit", stageType: "numerai.submit");
        var options = await OptionsAsync(s, i => (i % 41) / 41.0);
        s.Server.Faults.HideSubmissions(2);

        var e = await Should.ThrowAsync<StageException>(() => new SubmitStage().RunAsync(context, options, default));

        var created = s.Server.Submissions.ShouldHaveSingleItem();
        e.Code.ShouldBe("NP6306");
        e.Message.ShouldBe($"stage 'submit': Numerai created submission {created.Id} for 'demo_model' but does not list it among the model's submissions. Check numer.ai before submitting again.");
        File.Exists(Ledger(s)).ShouldBeFalse();
    }

    [Fact]
    public async Task Bad_options_are_NP6307_with_exit_code_2()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("submit", stageType: "numerai.submit");
        var options = await OptionsAsync(s, i => (i % 50) / 50.0);
        options.ApiUrl = "ftp://numerai";
        var noPredictions = new SubmitOptions { Model = "demo_model", ApiUrl = s.Url };

        var badUrl = await Should.ThrowAsync<StageException>(() => new SubmitStage().RunAsync(context, options, default));
        var missing = await Should.ThrowAsync<StageException>(() => new SubmitStage().RunAsync(context, noPredictions, default));

        badUrl.Code.ShouldBe("NP6307");
        badUrl.ExitCode.ShouldBe(2);
        badUrl.Message.ShouldBe("stage 'submit': option 'api_url': 'ftp://numerai' is not an http(s) URL. Set api_url or NUMERAI_API_URL to e.g. https://api-tournament.numer.ai.");
        missing.Code.ShouldBe("NP6307");
        missing.Message.ShouldBe(SubmitErrors.BadOption.Format("submit", "predictions", "it is required: set it to a predict stage's predictions output"));
    }

    [Fact]
    public async Task Out_of_range_values_pass_when_ranked()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        var options = await OptionsAsync(s, i => i * 3.0 - 10);
        await using (var raw = s.Context("submit", stageType: "numerai.submit"))
        {
            (await Should.ThrowAsync<StageException>(() => new SubmitStage().RunAsync(raw, options, default))).Message.ShouldContain("rank: true");
        }

        options.Rank = true;
        await using var ranked = s.Context("submit", stageType: "numerai.submit");
        (await new SubmitStage().RunAsync(ranked, options, default)).Status.ShouldBe(StageResultStatus.Succeeded);
        s.Server.Submissions.ShouldHaveSingleItem().Predictions.ShouldAllBe(v => v > 0 && v <= 1);
    }

    [Fact]
    public async Task Dry_run_writes_the_csv_and_contacts_nobody()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("submit", stageType: "numerai.submit");
        var options = await OptionsAsync(s, i => (i % 50) / 50.0);
        var before = s.Server.Requests.Count;
        options.DryRun = true;
        (await new SubmitStage().RunAsync(context, options, default)).Status.ShouldBe(StageResultStatus.Succeeded);
        context.TestOutputs.Values["submission_id"].ShouldBe("dry-run");
        File.Exists(context.TestOutputs.Files["csv"]).ShouldBeTrue();
        s.Server.Requests.Count.ShouldBe(before);
    }

    [Fact]
    public async Task Closed_round_declines()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        var options = await OptionsAsync(s, i => (i % 50) / 50.0);
        s.Server.RoundStateOverride = SandboxRoundState.Closed;
        await using var context = s.Context("submit", stageType: "numerai.submit");
        var result = await new SubmitStage().RunAsync(context, options, default);
        result.Status.ShouldBe(StageResultStatus.Declined);
        result.Code.ShouldBe("NP6303");
        result.Message.ShouldBe("no Numerai round is open (Current round not open for submissions); nothing was submitted for 'demo_model'. Run again when the next round opens.");
        s.Server.Requests.ShouldNotContain(r => r.Method == "PUT");
    }

    [Fact]
    public async Task Late_round_declines_unless_allowed()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        var options = await OptionsAsync(s, i => (i % 50) / 50.0);
        s.Server.RoundStateOverride = SandboxRoundState.Late;
        await using (var context = s.Context("submit", stageType: "numerai.submit"))
        {
            var result = await new SubmitStage().RunAsync(context, options, default);
            result.Status.ShouldBe(StageResultStatus.Declined);
            result.Code.ShouldBe("NP6304");
            using var client = s.DemoClient();
            var closed = (await client.GetCurrentRoundAsync()).CloseStakingTime!.Value.UtcDateTime;
            result.Message.ShouldBe(SubmitErrors.LateNotAllowed.Format(1000, closed.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), "demo_model"));
            result.Message.ShouldEndWith("; nothing was submitted for 'demo_model'. Set allow_late: true to submit late.");
        }

        options.AllowLate = true;
        await using (var context = s.Context("submit", stageType: "numerai.submit"))
        {
            (await new SubmitStage().RunAsync(context, options, default)).Status.ShouldBe(StageResultStatus.Succeeded);
            context.SummaryValues["round"].ShouldBe("1000 (late)");
        }

        s.Server.Submissions.ShouldHaveSingleItem().Late.ShouldBeTrue();
    }

    [Fact]
    public async Task Unknown_model_names_the_account_models()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("submit", stageType: "numerai.submit");
        var options = await OptionsAsync(s, i => (i % 50) / 50.0);
        options.Model = "demo_modle";
        var e = await Should.ThrowAsync<StageException>(() => new SubmitStage().RunAsync(context, options, default));
        e.Code.ShouldBe("NP6513");
        e.Message.ShouldBe("stage 'submit': Numerai API: model 'demo_modle' is not one of this account's models (the account has: 'demo_model', 'demo_model_2'). Check the model name, or create the model on numer.ai.");
    }

    [Fact]
    public async Task A_failed_put_fails_the_stage_and_records_nothing()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("submit", stageType: "numerai.submit");
        var options = await OptionsAsync(s, i => (i % 50) / 50.0);
        s.Server.Faults.UploadFailureStatus = 403;
        s.Server.Faults.FailUploads(1);
        var e = await Should.ThrowAsync<StageException>(() => new SubmitStage().RunAsync(context, options, default));
        e.Code.ShouldBe("NP6509");
        e.Message.ShouldBe($"stage 'submit': Numerai API: the upload of '{Path.GetFileName(context.TestOutputs.Files["csv"])}' failed with HTTP 403 (We encountered an internal error. Please try again). Nothing was submitted; run the stage again (upload URLs expire after a while).");
        e.Message.ShouldNotContain("X-Amz-Signature");
        s.Server.Submissions.ShouldBeEmpty();
        File.Exists(Ledger(s)).ShouldBeFalse();
    }

    [Fact]
    public async Task Without_any_ledger_the_rounds_latest_submission_on_Numerai_declines_the_same_predictions()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        var options = await OptionsAsync(s, i => (i % 71) / 71.0);
        await using (var first = s.Context("submit", stageType: "numerai.submit"))
        {
            (await new SubmitStage().RunAsync(first, options, default)).Status.ShouldBe(StageResultStatus.Succeeded);
        }

        // A fresh container whose store lost the ledger: only Numerai remembers.
        Directory.Delete(Path.Combine(s.Workspace.Path, "state"), recursive: true);
        await using var lost = s.Context("submit", stageType: "numerai.submit");
        var result = await new SubmitStage().RunAsync(lost, options, default);

        result.Status.ShouldBe(StageResultStatus.Declined);
        result.Code.ShouldBe("NP6305");
        var submitted = s.Server.Submissions.ShouldHaveSingleItem();
        result.Message.ShouldBe($"these predictions were already submitted for 'demo_model' in round 1000 (submission {submitted.Id}, the round's latest on Numerai: its file '{submitted.Filename}' carries their hash {submitted.Filename[11..27]}). Set force: true to submit them again.");
        lost.TestOutputs.Values["submission_id"].ShouldBe(submitted.Id);
        s.Server.Requests.Count(r => r.Method == "PUT").ShouldBe(1);
    }

    [Fact]
    public async Task Other_predictions_submitted_later_in_the_round_let_the_first_ones_be_submitted_again()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        var a = await OptionsAsync(s, i => (i % 61) / 61.0);
        var b = await OptionsAsync(s, i => (i % 67) / 67.0);
        foreach (var options in new[] { a, b })
        {
            await using var context = s.Context("submit", stageType: "numerai.submit");
            (await new SubmitStage().RunAsync(context, options, default)).Status.ShouldBe(StageResultStatus.Succeeded);
            s.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Directory.Delete(Path.Combine(s.Workspace.Path, "state"), recursive: true);
        await using var again = s.Context("submit", stageType: "numerai.submit");
        var result = await new SubmitStage().RunAsync(again, a, default);

        result.Status.ShouldBe(StageResultStatus.Succeeded, "the round's latest submission is b's, so a's predictions are not in");
        s.Server.Submissions.Count.ShouldBe(3);
    }

    [Fact]
    public async Task The_ledger_of_earlier_versions_is_still_read()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        var options = await OptionsAsync(s, i => (i % 53) / 53.0);
        await using (var first = s.Context("submit", stageType: "numerai.submit"))
        {
            (await new SubmitStage().RunAsync(first, options, default)).Status.ShouldBe(StageResultStatus.Succeeded);
        }

        var legacy = Path.Combine(s.Workspace.Path, "submissions", "ledger.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(legacy)!);
        File.Move(Ledger(s), legacy);
        s.Server.Faults.FailUploads(100);
        await using var again = s.Context("submit", stageType: "numerai.submit");
        var result = await new SubmitStage().RunAsync(again, options, default);

        result.Code.ShouldBe("NP6305");
        result.Message!.ShouldContain("from the ledger");
    }

    [Fact]
    public async Task A_submission_lease_held_by_another_execution_declines_NP6308_after_the_wait()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        var options = await OptionsAsync(s, i => (i % 47) / 47.0);
        options.LeaseWaitSeconds = 0;
        await using var other = s.Context("submit", stageType: "numerai.submit");
        await using var held = await other.TryAcquireLeaseAsync("numerai.submit/127.0.0.1/demo_model/round-1000", TimeSpan.FromMinutes(10), TimeSpan.Zero, default);
        await using var context = s.Context("submit", stageType: "numerai.submit");

        var result = await new SubmitStage().RunAsync(context, options, default);

        held.ShouldNotBeNull();
        result.Status.ShouldBe(StageResultStatus.Declined);
        result.Code.ShouldBe("NP6308");
        result.Message.ShouldBe("another execution is submitting 'demo_model' for round 1000 (it held the submission lease for longer than lease_wait_seconds, 0 s); nothing was uploaded. A later run checks again (the lease lapses after at most lease_ttl_seconds).");
        s.Server.Requests.ShouldNotContain(r => r.Method == "PUT");
    }

    [Fact]
    public async Task Racing_submissions_of_one_model_and_round_upload_once()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        var options = await OptionsAsync(s, i => (i % 43) / 43.0);
        var contexts = Enumerable.Range(0, 4).Select(_ => s.Context("submit", stageType: "numerai.submit")).ToList();
        // A loser that finds the lease held pauses until an execution finishes (each finish lets one pause end: the
        // holder gives the lease back before it finishes), then the fake clock moves on by the pause.
        using var finishes = new SemaphoreSlim(0);
        foreach (var c in contexts)
        {
            c.Leases.Waiting = (_, pause) =>
            {
                finishes.Wait();
                s.Time.Advance(pause);
            };
        }

        var results = await Task.WhenAll(contexts.Select(c => Task.Run(async () =>
        {
            try
            {
                return await new SubmitStage().RunAsync(c, options, default);
            }
            finally
            {
                finishes.Release();
            }
        })));

        results.Count(r => r.Status == StageResultStatus.Succeeded).ShouldBe(1);
        results.Where(r => r.Status != StageResultStatus.Succeeded).Select(r => r.Code + " " + r.Message).ShouldAllBe(r => r.StartsWith("NP6305 these predictions were already submitted for 'demo_model' in round 1000 (submission ", StringComparison.Ordinal));
        s.Server.Requests.Count(r => r.Method == "PUT").ShouldBe(1);
        s.Server.Submissions.Count.ShouldBe(1);
        foreach (var c in contexts)
        {
            await c.DisposeAsync();
        }
    }

    private static string Ledger(SyntheticSandbox s) =>
        Path.Combine(s.Workspace.Path, "state", "numerai.submit", "ledger", "127.0.0.1", "demo_model", "round-1000.jsonl");

    private static async Task<SubmitOptions> OptionsAsync(SyntheticSandbox s, Func<int, double> value, int drop = 0)
    {
        var ids = (await s.LiveIdsAsync()).Skip(drop).ToArray();
        var path = s.Workspace.File($"preds-{Guid.NewGuid():N}.parquet");
        PredictionsFile.WriteParquet(path, ids, [.. ids.Select((_, i) => value(i))]);
        return new SubmitOptions { Model = SandboxServer.DemoModel, Predictions = new ArtifactRef(path), ApiUrl = s.Url, TriggerId = "trigger-7" };
    }
}
