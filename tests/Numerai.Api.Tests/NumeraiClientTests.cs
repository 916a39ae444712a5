using System.Text;
using NumeraiPipeline.Numerai.Sandbox;

namespace NumeraiPipeline.Numerai.Api.Tests;

public sealed class NumeraiClientTests
{
    [Fact]
    public async Task Current_round_is_open_inside_the_staking_window()
    {
        await using var h = await SandboxHarness.StartAsync(TimeSpan.FromMinutes(30));
        using var client = h.Client();
        var round = await client.GetCurrentRoundAsync();
        round.Number.ShouldBe(1000);
        round.IsOpenAt(h.Time.GetUtcNow()).ShouldBeTrue();
        round.OpenTime.ShouldBe(SandboxHarness.Anchor);
    }

    [Fact]
    public async Task Current_round_is_late_after_staking_closes()
    {
        await using var h = await SandboxHarness.StartAsync(TimeSpan.FromMinutes(90));
        using var client = h.Client();
        var round = await client.GetCurrentRoundAsync();
        round.Number.ShouldBe(1000);
        round.IsOpenAt(h.Time.GetUtcNow()).ShouldBeFalse();
        round.CloseStakingTime.ShouldBe(SandboxHarness.Anchor.AddHours(1));
    }

    [Fact]
    public async Task Closed_round_reports_the_real_message()
    {
        await using var h = await SandboxHarness.StartAsync(TimeSpan.FromHours(3));
        using var client = h.Client();
        var e = await Should.ThrowAsync<NumeraiApiException>(() => client.GetCurrentRoundAsync());
        e.Code.ShouldBe("NP6503");
        e.ServerMessage.ShouldBe("Current round not open for submissions");
        e.Message.ShouldBe("Numerai API: Current round not open for submissions ('rounds'). Rounds open Tuesday to Saturday around 13:00 UTC; run again when the next round opens.");
    }

    [Fact]
    public async Task Next_day_is_the_next_round()
    {
        await using var h = await SandboxHarness.StartAsync(TimeSpan.FromHours(25));
        using var client = h.Client();
        (await client.GetCurrentRoundAsync()).Number.ShouldBe(1001);
    }

    [Fact]
    public async Task Lists_datasets_of_every_version()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client();
        var files = await client.ListDatasetsAsync();
        files.ShouldContain("v5.1/train.parquet");
        files.ShouldContain("v5.2/live.parquet");
        files.ShouldContain("v5.2/features.json");
    }

    [Fact]
    public async Task Downloads_a_file_without_authorization_header()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.DemoClient();
        var url = await client.GetDatasetUrlAsync("v5.2/train.parquet");
        var dest = h.File("train.parquet");
        var result = await client.DownloadFileAsync(url, dest);
        File.ReadAllBytes(dest).ShouldBe(File.ReadAllBytes(Path.Combine(h.DataDirectory, "v5.2", "train.parquet")));
        result.Resumed.ShouldBeFalse();
        result.Bytes.ShouldBe(new FileInfo(dest).Length);
        h.Server.Requests.Where(r => r.Path.StartsWith("/files/", StringComparison.Ordinal)).ShouldAllBe(r => !r.HadAuthorization);
        File.Exists(dest + ".partial").ShouldBeFalse();
    }

    [Fact]
    public async Task Unchanged_file_is_skipped()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client();
        var dest = h.File("features.json");
        await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/features.json"), dest);
        var second = await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/features.json"), dest);
        second.Skipped.ShouldBeTrue();
        second.BytesTransferred.ShouldBe(0);
    }

    [Fact]
    public async Task Cut_download_is_resumed_with_range_and_verified()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client();
        h.Server.Faults.CutDownloads(1);
        var dest = h.File("validation.parquet");
        var result = await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/validation.parquet"), dest);
        result.Resumed.ShouldBeTrue();
        result.Attempts.ShouldBe(2);
        File.ReadAllBytes(dest).ShouldBe(File.ReadAllBytes(Path.Combine(h.DataDirectory, "v5.2", "validation.parquet")));
        h.Server.Requests.Count(r => r.Range is not null).ShouldBe(1);
    }

    [Fact]
    public async Task A_server_ignoring_range_makes_the_download_start_again()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client();
        h.Server.Faults.CutDownloads(1);
        h.Server.Faults.IgnoreRange(1);
        var dest = h.File("train.parquet");
        var result = await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/train.parquet"), dest);
        result.Resumed.ShouldBeFalse();
        File.ReadAllBytes(dest).ShouldBe(File.ReadAllBytes(Path.Combine(h.DataDirectory, "v5.2", "train.parquet")));
    }

    [Fact]
    public async Task A_partial_file_from_an_earlier_run_is_resumed()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client();
        var source = File.ReadAllBytes(Path.Combine(h.DataDirectory, "v5.2", "train.parquet"));
        var dest = h.File("train.parquet");
        File.WriteAllBytes(dest + ".partial", source[..(source.Length / 3)]);
        var result = await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/train.parquet"), dest);
        result.Resumed.ShouldBeTrue();
        result.BytesTransferred.ShouldBe(source.Length - (source.Length / 3));
        File.ReadAllBytes(dest).ShouldBe(source);
    }

    [Fact]
    public async Task A_corrupt_partial_file_is_detected_and_downloaded_afresh()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client();
        var source = File.ReadAllBytes(Path.Combine(h.DataDirectory, "v5.2", "live.parquet"));
        var dest = h.File("live.parquet");
        File.WriteAllBytes(dest + ".partial", new byte[source.Length / 2]);
        await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/live.parquet"), dest);
        File.ReadAllBytes(dest).ShouldBe(source);
        h.LogLines.ShouldContain(l => l.Contains("not a complete parquet file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Download_retries_5xx()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client();
        h.Server.Faults.FailDownloads(2);
        var dest = h.File("train.parquet");
        var result = await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/train.parquet"), dest);
        result.Attempts.ShouldBe(3);
        File.Exists(dest).ShouldBeTrue();
    }

    [Fact]
    public async Task Missing_file_is_a_403_like_s3()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client();
        var url = await client.GetDatasetUrlAsync("v5.2/nope.parquet");
        var e = await Should.ThrowAsync<NumeraiApiException>(() => client.DownloadFileAsync(url, h.File("nope.parquet")));
        e.Code.ShouldBe("NP6510");
        e.StatusCode.ShouldBe(403);
        e.ServerMessage.ShouldBe("Access Denied");
        e.Message.ShouldBe(NumeraiErrors.DownloadFailed.Format("nope.parquet", 403, "Access Denied"));
        e.Message.ShouldNotContain("Signature");
    }

    [Fact]
    public async Task Expired_download_url_is_refused()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client();
        var url = await client.GetDatasetUrlAsync("v5.2/train.parquet");
        h.Time.Advance(TimeSpan.FromHours(2));
        var e = await Should.ThrowAsync<NumeraiApiException>(() => client.DownloadFileAsync(url, h.File("t.parquet")));
        e.ServerMessage.ShouldBe("Request has expired");
    }

    [Fact]
    public async Task A_download_failing_on_every_attempt_is_NP6516_and_keeps_the_partial_file_for_the_next_run()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client(attempts: 3);
        h.Server.Faults.FailDownloads(10);
        var url = await client.GetDatasetUrlAsync("v5.2/train.parquet");
        var e = await Should.ThrowAsync<NumeraiApiException>(() => client.DownloadFileAsync(url, h.File("train.parquet")));
        e.Code.ShouldBe("NP6516");
        e.StatusCode.ShouldBe(503);
        e.Message.ShouldBe("Numerai API: the download of 'train.parquet' failed 3 times in a row (HTTP 503). The partial file is kept and the next run resumes it.");
    }

    [Fact]
    public async Task A_file_that_is_not_parquet_twice_is_NP6511_and_discarded()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client();
        await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/validation.parquet"), h.File("first.parquet"));
        await File.WriteAllTextAsync(Path.Combine(h.DataDirectory, "v5.2", "validation.parquet"), "id,prediction\nn1,0.5\n");
        var dest = h.File("validation.parquet");
        var url = await client.GetDatasetUrlAsync("v5.2/validation.parquet");
        var e = await Should.ThrowAsync<NumeraiApiException>(() => client.DownloadFileAsync(url, dest));
        e.Code.ShouldBe("NP6511");
        e.Message.ShouldBe("Numerai API: the downloaded 'validation.parquet' is not valid: it does not start and end with the parquet magic 'PAR1'. It was discarded; run again to download it afresh.");
        File.Exists(dest).ShouldBeFalse();
        File.Exists(dest + ".partial").ShouldBeFalse();
    }

    [Fact]
    public async Task An_endpoint_that_is_not_the_graphql_api_is_NP6512()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = new NumeraiClient(new NumeraiClientOptions { Endpoint = new Uri(h.Server.Url, "/not-graphql"), MaxAttempts = 1 });
        var e = await Should.ThrowAsync<NumeraiApiException>(() => client.ListDatasetsAsync());
        e.Code.ShouldBe("NP6512");
        e.StatusCode.ShouldBe(404);
        e.Message.ShouldBe("Numerai API: the answer to 'listDatasets' could not be understood (HTTP 404). Check that the API URL points at Numerai's GraphQL endpoint; if it does, run again.");
    }

    [Fact]
    public async Task Models_of_the_account()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.DemoClient();
        var models = await client.GetModelsAsync();
        models.Select(m => m.Name).ShouldBe(["demo_model", "demo_model_2"]);
        (await client.GetModelByNameAsync("DEMO_MODEL")).Id.ShouldBe(h.Server.ModelIds["demo_model"]);
        var e = await Should.ThrowAsync<NumeraiApiException>(() => client.GetModelByNameAsync("demo_modle"));
        e.Code.ShouldBe("NP6513");
        e.Message.ShouldBe(NumeraiErrors.UnknownModel.Format("demo_modle", "'demo_model', 'demo_model_2'"));
    }

    [Fact]
    public async Task Bad_keys_are_refused_with_the_real_message_and_no_secret_is_shown()
    {
        await using var h = await SandboxHarness.StartAsync();
        const string secret = "VERY-SECRET-KEY-987654321";
        using var client = h.Client(new NumeraiCredentials("SOMEPUBLICID", secret));
        var e = await Should.ThrowAsync<NumeraiApiException>(() => client.GetModelsAsync());
        e.Code.ShouldBe("NP6502");
        e.Message.ShouldBe("Numerai API refused the API keys for 'account': Your session is invalid or has expired. Check NUMERAI_PUBLIC_ID and NUMERAI_SECRET_KEY; create new keys on numer.ai if they were revoked.");
        e.ServerMessage.ShouldBe("Your session is invalid or has expired.");
        e.ToString().ShouldNotContain(secret);
        client.Options.Credentials!.ToString().ShouldNotContain(secret);
        string.Join('\n', h.LogLines).ShouldNotContain(secret);
    }

    [Fact]
    public async Task Missing_keys_fail_before_anything_is_sent()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client();
        var e = await Should.ThrowAsync<NumeraiApiException>(() => client.GetModelsAsync());
        e.Code.ShouldBe("NP6501");
        e.Message.ShouldBe(NumeraiErrors.MissingCredentials.Format("account"));
        h.Server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Public_operations_send_no_authorization_header()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.DemoClient();
        await client.GetCurrentRoundAsync();
        await client.ListDatasetsAsync();
        await client.GetDatasetUrlAsync("v5.2/train.parquet");
        await client.GetSubmissionScoresAsync(h.Server.ModelIds["demo_model"]);
        h.Server.Requests.ShouldAllBe(r => !r.HadAuthorization);
        await client.GetModelsAsync();
        h.Server.Requests[^1].HadAuthorization.ShouldBeTrue();
    }

    [Fact]
    public async Task Server_errors_are_retried_then_succeed()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client(attempts: 4);
        h.Server.Faults.FailGraphQl(3);
        (await client.GetCurrentRoundAsync()).Number.ShouldBe(1000);
        h.Server.Requests.Count.ShouldBe(4);
        h.LogLines.Count(l => l.Contains("retrying", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task Server_errors_on_every_attempt_give_NP6506()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client(attempts: 3);
        h.Server.Faults.GraphQlFailureStatus = 500;
        h.Server.Faults.FailGraphQl(10);
        var e = await Should.ThrowAsync<NumeraiApiException>(() => client.ListDatasetsAsync());
        e.Code.ShouldBe("NP6506");
        e.StatusCode.ShouldBe(500);
        e.Message.ShouldBe("Numerai API answered 'listDatasets' with HTTP 500 on all 3 attempts. Numerai may be deploying or overloaded; try again later.");
        h.Server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Slow_server_times_out_and_is_retried()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client(attempts: 2, timeout: TimeSpan.FromMilliseconds(200));
        h.Server.Faults.GraphQlDelay = TimeSpan.FromSeconds(3);
        var e = await Should.ThrowAsync<NumeraiApiException>(() => client.ListDatasetsAsync());
        e.Code.ShouldBe("NP6507");
        e.Message.ShouldBe(NumeraiErrors.Unreachable.Format(h.Server.Url.GetLeftPart(UriPartial.Authority), "listDatasets", 2, "no answer within 0.2 s"));
        h.Server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Unknown_field_is_a_400_with_the_server_message()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client();
        var e = await Should.ThrowAsync<NumeraiApiException>(() => client.QueryAsync("x", "query { rounds(number: 0) { number phoneNumbr } }", null, false, default));
        e.Code.ShouldBe("NP6505");
        e.StatusCode.ShouldBe(400);
        e.ServerMessage.ShouldBe("Cannot query field \"phoneNumbr\" on type \"Round\".");
        e.Message.ShouldBe("Numerai API rejected the request 'x' (HTTP 400): Cannot query field \"phoneNumbr\" on type \"Round\". The API may have changed; update numerai-pipeline.");
    }

    [Fact]
    public async Task Names_are_accepted_in_snake_case_and_echoed_as_written()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.Client();
        var data = await client.QueryAsync("x", "query { list_datasets(tournament: 8) current: rounds(number: 0) { close_staking_time number } }", null, false, default);
        data["list_datasets"]!.AsArray().Count.ShouldBeGreaterThan(0);
        data["current"]![0]!["close_staking_time"]!.ToString().ShouldBe("2026-03-03T14:00:00Z");
    }

    [Fact]
    public async Task Submits_and_reads_the_submission_back()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.DemoClient();
        var modelId = h.Server.ModelIds["demo_model"];
        var id = await SubmitAsync(h, client, modelId, ValidCsv());
        var list = await client.GetSubmissionsAsync(modelId);
        list.ShouldHaveSingleItem().Id.ShouldBe(id);
        list[0].RoundNumber.ShouldBe(1000);
        list[0].Filename.ShouldStartWith("predictions-");
        h.Server.Submissions.ShouldHaveSingleItem().Late.ShouldBeFalse();
        h.Server.Requests.Where(r => r.Method == "PUT").ShouldAllBe(r => !r.HadAuthorization);
    }

    [Fact]
    public async Task Late_submission_is_accepted_as_late()
    {
        await using var h = await SandboxHarness.StartAsync(TimeSpan.FromMinutes(90));
        using var client = h.DemoClient();
        await SubmitAsync(h, client, h.Server.ModelIds["demo_model"], ValidCsv());
        h.Server.Submissions.ShouldHaveSingleItem().Late.ShouldBeTrue();
        (await client.GetSubmissionsAsync(h.Server.ModelIds["demo_model"]))[0].Status.ShouldBe("late");
    }

    [Fact]
    public async Task Upload_is_refused_when_the_round_is_closed()
    {
        await using var h = await SandboxHarness.StartAsync(TimeSpan.FromHours(5));
        using var client = h.DemoClient();
        var e = await Should.ThrowAsync<NumeraiApiException>(() => client.GetSubmissionUploadAuthAsync("p.csv", h.Server.ModelIds["demo_model"]));
        e.Code.ShouldBe("NP6503");
    }

    [Fact]
    public async Task Failed_put_is_detected()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.DemoClient(attempts: 1);
        h.Server.Faults.FailUploads(1);
        var modelId = h.Server.ModelIds["demo_model"];
        var auth = await client.GetSubmissionUploadAuthAsync("predictions.csv", modelId);
        var path = h.File("predictions.csv");
        await File.WriteAllTextAsync(path, ValidCsv());
        var e = await Should.ThrowAsync<NumeraiApiException>(() => client.UploadFileAsync(auth.Url, path));
        e.Code.ShouldBe("NP6509");
        e.StatusCode.ShouldBe(500);
        e.Message.ShouldBe("Numerai API: the upload of 'predictions.csv' failed with HTTP 500 (on every attempt). Nothing was submitted; run the stage again (upload URLs expire after a while).");
        var create = await Should.ThrowAsync<NumeraiApiException>(() => client.CreateSubmissionAsync(auth.Filename, modelId));
        create.ServerMessage!.ShouldContain("Upload the file");
        e.Message.ShouldNotContain("X-Amz-Signature");
    }

    [Fact]
    public async Task Put_without_content_length_is_refused_like_s3()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.DemoClient();
        var auth = await client.GetSubmissionUploadAuthAsync("predictions.csv", h.Server.ModelIds["demo_model"]);
        using var http = new HttpClient();
        using var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(ValidCsv())));
        using var response = await http.PutAsync(auth.Url, content);
        ((int)response.StatusCode).ShouldBe(411);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<Code>MissingContentLength</Code>");
    }

    public static TheoryData<string, string> InvalidSubmissions()
    {
        var ids = TinyDataset.LiveIds;
        string Rows(Func<int, string> value) => string.Concat(ids.Select((id, i) => $"{id},{value(i)}\n"));
        return new TheoryData<string, string>
        {
            { ",id,prediction\n" + string.Concat(ids.Select((id, i) => $"{i},{id},0.5\n")), SubmissionRules.Headers },
            { "prediction,id\n" + string.Concat(ids.Select(id => $"0.5,{id}\n")), SubmissionRules.Headers },
            { "id,target\n" + Rows(i => "0.5"), SubmissionRules.Headers },
            { "id,prediction\n" + Rows(i => (i / 40.0).ToString(System.Globalization.CultureInfo.InvariantCulture)) + ",0.3\n", SubmissionRules.NanIds },
            { "id,prediction\n" + Rows(i => (i / 40.0).ToString(System.Globalization.CultureInfo.InvariantCulture)) + ids[3] + ",0.3\n", SubmissionRules.DuplicateIds },
            { "id,prediction\n" + string.Concat(ids.Skip(1).Select((id, i) => $"{id},{i / 40.0}\n")), SubmissionRules.MissingIds },
            { "id,prediction\n" + Rows(i => i == 7 ? "" : "0.25"), SubmissionRules.NanValues },
            { "id,prediction\n" + Rows(i => i == 7 ? "1.0001" : "0.25"), SubmissionRules.Range },
            { "id,prediction\n" + Rows(i => i == 7 ? "-0.1" : "0.25"), SubmissionRules.Range },
            { "id,prediction\n" + Rows(i => "0.5"), SubmissionRules.ZeroStd },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidSubmissions))]
    public async Task Server_applies_every_submission_rule(string csv, string message)
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.DemoClient();
        var e = await Should.ThrowAsync<NumeraiApiException>(() => SubmitAsync(h, client, h.Server.ModelIds["demo_model"], csv));
        e.Code.ShouldBe("NP6504");
        e.ServerMessage.ShouldBe(message);
        e.Message.ShouldBe(NumeraiErrors.InvalidSubmission.Format(NumeraiClient.Sentence(message)));
        h.Server.Submissions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Extra_ids_are_ignored_and_slack_at_one_is_allowed()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var client = h.DemoClient();
        var csv = "\uFEFFid,probability\r\n\r\n" + string.Concat(TinyDataset.LiveIds.Select((id, i) => $"\"{id}\",{(i == 0 ? "1.000005" : (i / 50.0).ToString("E3", System.Globalization.CultureInfo.InvariantCulture))}\r\n")) + "nextra,7\r\n";
        await SubmitAsync(h, client, h.Server.ModelIds["demo_model"], csv);
        h.Server.Submissions.ShouldHaveSingleItem().Ids.Count.ShouldBe(TinyDataset.LiveIds.Length);
    }

    internal static string ValidCsv() =>
        "id,prediction\n" + string.Concat(TinyDataset.LiveIds.Select((id, i) => $"{id},{((i * 7 % 40) / 40.0).ToString(System.Globalization.CultureInfo.InvariantCulture)}\n"));

    private static async Task<string> SubmitAsync(SandboxHarness h, NumeraiClient client, string modelId, string csv)
    {
        var path = h.File("predictions.csv");
        await File.WriteAllTextAsync(path, csv);
        var auth = await client.GetSubmissionUploadAuthAsync("predictions.csv", modelId);
        await client.UploadFileAsync(auth.Url, path);
        return await client.CreateSubmissionAsync(auth.Filename, modelId, "trigger-1");
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
