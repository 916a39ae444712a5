using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NumeraiPipeline.Numerai.Sandbox;
using static NumeraiPipeline.Numerai.Api.Tests.Numerapi.NumerapiDocuments;

namespace NumeraiPipeline.Numerai.Api.Tests.Numerapi;

/// <summary>
/// Every numerapi call a participant's script makes, with numerapi's own documents and variables, against the sandbox
/// (30 pre-submitted past rounds: resolved, resolving and not yet scored ones); each answer has the shape numerapi's code reads.
/// </summary>
public sealed partial class NumerapiCompatibilityTests : IAsyncLifetime
{
    private SyntheticSandbox s = null!;

    private Uri Url => s.Server.Url;

    public async Task InitializeAsync() => s = await SyntheticSandbox.StartAsync(SandboxRoundState.Open, history: 30);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task Every_document_validates_against_the_sandbox_schema()
    {
        // Documents that need a real id get one; all must parse and validate (no HTTP 400 "Cannot query field").
        var modelId = s.ModelId();
        var submissionId = s.Server.Submissions[0].Id;
        foreach (var name in Names.Where(n => !n.StartsWith("upload_", StringComparison.Ordinal) && n != "_upload_auth:submission_upload_auth" && n != "_upload_auth:diagnosticsUploadAuth"))
        {
            var variables = new Dictionary<string, object?>
            {
                ["modelId"] = modelId, ["id"] = submissionId, ["modelid"] = modelId, ["modelname"] = "demo_model", ["username"] = "demo_model",
                ["tournament"] = name == "pipeline_status" ? "classic" : 8, ["filename"] = "v5.2/features.json", ["limit"] = 5, ["offset"] = 0,
                ["newSubmissionWebhook"] = null,
            };
            var (status, body) = await PostAsync(Url, name, variables, authorization: true);
            status.ShouldBe(200, $"{name}: {body.ToJsonString()}");
            body.ContainsKey("errors").ShouldBeFalse($"{name}: {body["errors"]?.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Get_account_has_the_fields_numerapi_converts()
    {
        var account = (await DataAsync(Url, "get_account", authorization: true))["account"]!;

        ShouldBeTime(account["insertedAt"], "insertedAt");
        ShouldBeNmr(account["availableNmr"], "availableNmr");
        account["availableNmr"]!.GetValue<string>().ShouldBe("250.000000");
        account["username"]!.GetValue<string>().ShouldBe("sandbox");
        account["mfaEnabled"]!.GetValue<bool>().ShouldBeFalse();
        account["walletAddress"]!.GetValue<string>().ShouldStartWith("0x");
        var models = account["models"]!.AsArray();
        models.Select(m => m!["name"]!.GetValue<string>()).ShouldBe(["demo_model", "demo_model_2"]);
        models[0]!["submissions"]!.AsArray().Count.ShouldBe(30);
        models[0]!["v2Stake"]!["status"]!.GetValue<string>().ShouldBe("confirmed");
        account["apiTokens"]![0]!["public_id"]!.GetValue<string>().ShouldBe(SandboxServer.DemoPublicId, "the key is echoed as written (snake_case)");
    }

    [Fact]
    public async Task List_rounds_filters_by_status_and_times_are_strings()
    {
        var resolved = (await DataAsync(Url, "list_rounds", new { tournament = 8, number = (int?)null, target = (string?)null, status = "RESOLVED", limit = (int?)null }))["rounds"]!.AsArray();
        var open = (await DataAsync(Url, "list_rounds", new { tournament = 8, status = "OPEN", limit = 10 }))["rounds"]!.AsArray();

        // Round 1000 opened 30 min ago; round N resolves 3 days + 19 scoring days after its staking close (1 h after opening).
        resolved.Select(r => r!["number"]!.GetValue<int>()).ShouldBe([977, 976, 975, 974, 973, 972, 971, 970]);
        resolved.ShouldAllBe(r => r!["resolvedGeneral"]!.GetValue<bool>());
        foreach (var field in new[] { "closeTime", "closeStakingTime", "openTime", "scoreTime", "resolveTime" })
        {
            ShouldBeTime(resolved[0]![field], field);
        }

        ShouldBeNmr(resolved[0]!["payoutFactor"], "payoutFactor");
        resolved[0]!["defaultCorrMultiplier"]!.GetValue<double>().ShouldBe(0.5);
        resolved[0]!["defaultMmcMultiplier"]!.GetValue<double>().ShouldBe(2.0);
        open.ShouldHaveSingleItem()!["number"]!.GetValue<int>().ShouldBe(1000);
        (await PostAsync(Url, "list_rounds", new { tournament = 8, status = "FINISHED" }, false)).Status.ShouldBe(400);
    }

    [Fact]
    public async Task Round_model_performances_v2_and_intra_round_scores_have_numerapis_shape()
    {
        var variables = new { modelId = s.ModelId(), tournament = 8 };
        var performances = (await DataAsync(Url, "round_model_performances_v2", variables))["v2RoundModelPerformances"]!.AsArray();
        var intra = (await DataAsync(Url, "intra_round_scores", variables))["v2RoundModelPerformances"]!.AsArray();

        performances.Count.ShouldBe(30);
        performances.Select(p => p!["roundNumber"]!.GetValue<int>()).ShouldBe([.. Enumerable.Range(970, 30).Reverse()]);
        foreach (var p in performances)
        {
            ShouldBeTime(p!["roundOpenTime"], "roundOpenTime");
            ShouldBeTime(p["roundResolveTime"], "roundResolveTime");
            ShouldBeNmr(p["atRisk"], "atRisk");
            p["roundPayoutFactor"]!.GetValueKind().ShouldBe(JsonValueKind.String);
            foreach (var score in p["submissionScores"]!.AsArray())
            {
                ShouldBeTime(score!["date"], "date");
                ShouldBeNmr(score["payoutPending"], "payoutPending");
                ShouldBeNmr(score["payoutSettled"], "payoutSettled");
            }
        }

        var oldest = performances[^1]!;
        oldest["roundResolved"]!.GetValue<bool>().ShouldBeTrue();
        oldest["submissionScores"]!.AsArray().Select(x => x!["displayName"]!.GetValue<string>()).ShouldBe(["canon_corr", "canon_mmc", "canon_bmc", "corr_w_meta_model"]);
        oldest["submissionScores"]![0]!["day"]!.GetValue<int>().ShouldBe(20);
        performances[0]!["submissionScores"]!.AsArray().ShouldBeEmpty("round 999 is not scored yet");

        // Round 985: staking closed 15 days − 1 h ago, first score 3 days after: 12 daily scores of 4 metrics.
        var round985 = intra.Single(p => p!["roundNumber"]!.GetValue<int>() == 985)!["intraRoundSubmissionScores"]!.AsArray();
        round985.Count.ShouldBe(12 * 4);
        round985.Select(x => x!["day"]!.GetValue<int>()).Distinct().ShouldBe([.. Enumerable.Range(1, 12)]);
        ShouldBeNmr(round985[0]!["payoutPending"], "payoutPending");
        ShouldBeTime(round985[0]!["date"], "date");
        intra[0]!.AsObject().Select(kv => kv.Key).ShouldBe(["roundNumber", "intraRoundSubmissionScores"]);
    }

    [Fact]
    public async Task Download_submission_gives_a_signed_url_to_the_csv()
    {
        var ids = (await DataAsync(Url, "submission_ids", new { modelId = s.ModelId() }, true))["submissions"]!.AsArray();
        var latest = ids.OrderByDescending(x => x!["insertedAt"]!.GetValue<string>(), StringComparer.Ordinal).First()!;
        var auth = (await DataAsync(Url, "download_submission", new { id = latest["id"]!.GetValue<string>() }, true))["submissionDownloadAuth"]!;

        auth["filename"]!.GetValue<string>().ShouldBe(latest["filename"]!.GetValue<string>());
        using var http = new HttpClient();
        using var response = await http.GetAsync(auth["url"]!.GetValue<string>());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.ShouldNotBeNull("numerapi's download_file reads content-length");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("id,prediction");
        lines.Length.ShouldBe(101);
        (await PostAsync(Url, "download_submission", new { id = Guid.NewGuid().ToString() }, true)).Body["errors"]![0]!["message"]!.GetValue<string>().ShouldBe("Submission not found.");
    }

    [Fact]
    public async Task Submission_filenames_and_model_name_come_from_the_model_field()
    {
        var model = (await DataAsync(Url, "get_submission_filenames", new { modelId = s.ModelId() }, true))["model"]!;
        var name = (await DataAsync(Url, "modelid_to_modelname", new { modelid = s.ModelId("demo_model_2") }, true))["model"]!["name"]!.GetValue<string>();

        var submissions = model["submissions"]!.AsArray();
        submissions.Count.ShouldBe(30);
        submissions.ShouldAllBe(x => x!["selected"]!.GetValue<bool>());
        submissions.Select(x => x!["round"]!["number"]!.GetValue<int>()).Order().ShouldBe([.. Enumerable.Range(970, 30)]);
        submissions.ShouldAllBe(x => x!["round"]!["tournament"]!.GetValue<int>() == 8 && x["filename"]!.GetValue<string>().EndsWith(".csv", StringComparison.Ordinal));
        name.ShouldBe("demo_model_2");
    }

    [Fact]
    public async Task Pipeline_status_stake_data_versions_and_webhook()
    {
        var status = (await DataAsync(Url, "pipeline_status", new { tournament = "classic", date = "2026-03-03" }))["pipelineStatus"]!.AsObject();
        var stake = (await DataAsync(Url, "stake_get", new { modelname = "demo_model" }))["v3UserProfile"]!["stakeValue"];
        var versions = (await DataAsync(Url, "model_upload_data_versions", authorization: true))["computePickleDataVersions"]!.AsArray();
        var set = (await DataAsync(Url, "set_submission_webhook", new { modelId = s.ModelId(), newSubmissionWebhook = "https://trigger.example/numerai/compute" }, true))["setSubmissionWebhook"]!;

        foreach (var (key, value) in status.Where(kv => kv.Key.EndsWith("At", StringComparison.Ordinal)))
        {
            ShouldBeTime(value, key);
        }

        status["dataReadyAt"]!.GetValue<string>().ShouldBe("2026-03-03T13:00:00Z");
        status["isScoringDay"]!.GetValue<bool>().ShouldBeTrue();
        stake!.GetValue<string>().ShouldBe("100.000000");
        versions.Select(v => v!["name"]!.GetValue<string>()).ShouldBe(["v5.1", "v5.2"]);
        versions.All(v => Guid.TryParse(v!["id"]!.GetValue<string>(), out _)).ShouldBeTrue("numerapi's model_upload checks is_valid_uuid");
        set.GetValue<string>().ShouldBe("true", "numerapi compares the answer with == \"true\"");
        (await s.DemoClient().GetModelAsync(s.ModelId())).SubmissionWebhook.ShouldBe("https://trigger.example/numerai/compute");
    }

    [Fact]
    public async Task Leaderboard_keys_are_echoed_as_written_and_nmr_is_a_string()
    {
        var board = (await DataAsync(Url, "get_leaderboard", new { limit = 60, offset = 0 }))["v2Leaderboard"]!.AsArray();

        board.Count.ShouldBe(50);
        board.Select(e => e!["rank"]!.GetValue<int>()).ShouldBe([.. Enumerable.Range(1, 50)]);
        foreach (var entry in board)
        {
            ShouldBeNmr(entry!["nmrStaked"], "nmrStaked");
            entry.AsObject().ContainsKey("return_52_weeks").ShouldBeTrue();
        }

        board.Count(e => e!["username"]!.GetValue<string>().StartsWith("demo_model", StringComparison.Ordinal)).ShouldBe(2);
        (await DataAsync(Url, "get_leaderboard", new { limit = 3, offset = 2 }))["v2Leaderboard"]!.AsArray().Select(e => e!["rank"]!.GetValue<int>()).ShouldBe([3, 4, 5]);
    }

    [Fact]
    public async Task Daily_model_performances_and_submission_scores_have_dates_numerapi_parses()
    {
        var daily = (await DataAsync(Url, "daily_model_performances", new { username = "demo_model" }))["v3UserProfile"]!["dailyModelPerformances"]!.AsArray();
        var scores = (await DataAsync(Url, "submission_scores", new { modelId = s.ModelId(), displayName = "canon_corr", tournament = 8, distinctOnRound = true }))["submissionScores"]!.AsArray();

        daily.Count.ShouldBeGreaterThan(0);
        daily.ShouldAllBe(d => d!["corrRep"] != null && d["corrRank"] != null);
        ShouldBeTime(daily[0]!["date"], "date");
        scores.Count.ShouldBe(27, "rounds 970..996 have scores, one (the latest) each with distinctOnRound");
        foreach (var score in scores)
        {
            foreach (var field in new[] { "roundResolveTime", "roundScoreTime", "roundCloseStakingTime", "date", "resolveDate" })
            {
                ShouldBeTime(score![field], field);
            }
        }

        (await PostAsync(Url, "stake_get", new { modelname = "nobody" }, false)).Body["errors"]![0]!["message"]!.GetValue<string>().ShouldBe("Model not found.");
    }

    [Fact]
    public async Task Upload_diagnostics_then_diagnostics_as_numerapi_does()
    {
        var modelId = s.ModelId();
        var csv = s.Workspace.File("validation.csv");
        await File.WriteAllTextAsync(csv, "id,prediction\nn000000000000001,0.5\n");
        var auth = (await DataAsync(Url, "_upload_auth:diagnosticsUploadAuth", new { filename = "validation.csv", tournament = 8, modelId }, true))["diagnosticsUploadAuth"]!;
        using (var http = new HttpClient())
        {
            (await http.PutAsync(auth["url"]!.GetValue<string>(), new ByteArrayContent(await File.ReadAllBytesAsync(csv)))).EnsureSuccessStatusCode();
        }

        var id = (await DataAsync(Url, "upload_diagnostics", new { filename = auth["filename"]!.GetValue<string>(), tournament = 8, modelId }, true))["createDiagnostics"]!["id"]!.GetValue<string>();
        var pending = (await DataAsync(Url, "diagnostics", new { modelId, id }, true))["diagnostics"]!.AsArray();
        s.Time.Advance(TimeSpan.FromMinutes(1));
        var done = (await DataAsync(Url, "diagnostics", new { modelId, id }, true))["diagnostics"]!.AsArray().ShouldHaveSingleItem()!;

        pending.ShouldHaveSingleItem()!["status"]!.GetValue<string>().ShouldBe("pending");
        ShouldBeTime(done["updatedAt"], "updatedAt");
        done["status"]!.GetValue<string>().ShouldBe("failed", "the id is not a validation id");
        done["message"]!.GetValue<string>().ShouldBe("none of the uploaded ids is a validation id; upload predictions for validation.parquet");
    }

    [Fact]
    public async Task Wallet_transactions_and_unknown_fields()
    {
        var txs = (await DataAsync(Url, "wallet_transactions", authorization: true))["account"]!["walletTxns"]!.AsArray();
        var (status, body) = await PostAsync(Url, "get_leaderboard", null, false);

        ShouldBeNmr(txs.ShouldHaveSingleItem()!["amount"], "amount");
        ShouldBeTime(txs[0]!["time"], "time");
        status.ShouldBe(400, "limit and offset are Int! in numerapi's document");
        body["errors"]![0]!["message"]!.GetValue<string>().ShouldContain("Expected non-null");
    }
}
