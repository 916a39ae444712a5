using NumeraiPipeline.GcsStandIn;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>
/// Stateless executions of numerai-daily (fresh workspaces, as fresh containers) sharing one store are exactly-once:
/// in sequence the later ones find the work up to date in the store and decline the submit; racing, one uploads;
/// with the ledger lost, Numerai's own record (the hash in the file name) still declines.
/// </summary>
public sealed class ExactlyOnceTests : IAsyncLifetime
{
    private DailyRuns runs = null!;
    private FakeGcsServer gcs = null!;

    public async Task InitializeAsync()
    {
        runs = await DailyRuns.StartAsync("once");
        gcs = await FakeGcsServer.StartAsync("np-e2e");
    }

    public async Task DisposeAsync()
    {
        await gcs.DisposeAsync();
        await runs.DisposeAsync();
    }

    private Dictionary<string, string?> Emulator => new() { ["STORAGE_EMULATOR_HOST"] = gcs.Endpoint };

    [Theory]
    [InlineData("folder")]
    [InlineData("gcs")]
    public async Task Three_fresh_workspaces_on_one_store_upload_once_and_the_later_ones_decline(string kind)
    {
        var store = kind == "gcs" ? "gs://np-e2e/three" : runs.Temp.File("bucket");
        var env = kind == "gcs" ? Emulator : null;

        var results = new List<NumeraiPipeline.TestKit.CliProcessResult>();
        foreach (var job in new[] { "job1", "job2", "job3" })
        {
            results.Add(await runs.RunAsync(job, store, env));
        }

        results.ShouldAllBe(r => r.ExitCode == 0, string.Join("\n----\n", results.Select(r => r.Error)));
        DailyRuns.Outcome(results[0], "submit").ShouldBe("succeeded");
        foreach (var later in results.Skip(1))
        {
            DailyRuns.Outcome(later, "download").ShouldBe("up-to-date");
            DailyRuns.Outcome(later, "train").ShouldBe("up-to-date");
            DailyRuns.Outcome(later, "predict").ShouldBe("up-to-date");
            DailyRuns.Outcome(later, "submit").ShouldBe("declined");
            DailyRuns.Stages(later)["submit"].GetProperty("code").GetString().ShouldBe("NP6305");
            DailyRuns.Stages(later)["submit"].GetProperty("message").GetString()!.ShouldContain("from the ledger");
        }

        runs.Uploads.ShouldBe(1);
        runs.Sandbox.Submissions.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("folder")]
    [InlineData("gcs")]
    public async Task Two_executions_racing_on_one_store_upload_once(string kind)
    {
        var store = kind == "gcs" ? "gs://np-e2e/race" : runs.Temp.File("race-bucket");
        var env = kind == "gcs" ? Emulator : null;
        var first = runs.RunAsync("race-a", store, env);
        var second = runs.RunAsync("race-b", store, env);
        var results = await Task.WhenAll(first, second);

        results.ShouldAllBe(r => r.ExitCode == 0, string.Join("\n----\n", results.Select(r => r.Error)));
        results.Select(r => DailyRuns.Outcome(r, "submit")).Order().ShouldBe(["declined", "succeeded"]);
        runs.Uploads.ShouldBe(1);
        runs.Sandbox.Submissions.Count.ShouldBe(1);
        if (kind == "folder")
        {
            Directory.EnumerateDirectories(Path.Combine(store, "leases", "numerai.submit", "127.0.0.1", "demo_model")).ShouldHaveSingleItem().ShouldEndWith(".json.versions");
            return;
        }

        // The lease went through the store: read by name, created with ifGenerationMatch=0 (only if absent).
        gcs.Log.ShouldContain(l => l.StartsWith("GET ", StringComparison.Ordinal) && l.Contains("race%2Fleases%2Fnumerai.submit%2F127.0.0.1%2Fdemo_model%2Fround-", StringComparison.Ordinal));
        gcs.Log.ShouldContain(l => l.StartsWith("POST /upload/", StringComparison.Ordinal) && l.Contains("ifGenerationMatch=0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_ledger_lost_the_hash_in_the_uploaded_file_name_still_declines()
    {
        var first = await runs.RunAsync("lost-1", runs.Temp.File("store-a"));
        // A new, empty store: no stamps, no ledger. Deterministic training gives the same predictions.
        var second = await runs.RunAsync("lost-2", runs.Temp.File("store-b"));

        first.ExitCode.ShouldBe(0, first.Error);
        second.ExitCode.ShouldBe(0, second.Error);
        DailyRuns.Outcome(second, "train").ShouldBe("succeeded");
        DailyRuns.Outcome(second, "submit").ShouldBe("declined");
        var message = DailyRuns.Stages(second)["submit"].GetProperty("message").GetString()!;
        message.ShouldStartWith("these predictions were already submitted for 'demo_model' in round ");
        message.ShouldContain(", the round's latest on Numerai: its file 'demo_model-");
        runs.Uploads.ShouldBe(1);
    }
}
