using System.Diagnostics;
using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.Plugins.Numerai.Download;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Api.Tests;

[Collection("download spans")]
public sealed class DownloadStageTests
{
    [Fact]
    public async Task Downloads_latest_files_as_outputs_with_spans_and_progress()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("download");
        var spans = new List<Activity>();
        using var listener = Listen(spans);
        var options = new DownloadOptions { ApiUrl = s.Url };

        var result = await new DownloadStage().RunAsync(context, options, default);

        result.Status.ShouldBe(StageResultStatus.Succeeded);
        context.TestOutputs.Files.Keys.ShouldBe(["train", "validation", "live", "features"], ignoreOrder: true);
        context.TestOutputs.Values["version"].ShouldBe("v5.2");
        context.TestOutputs.Values["round"].ShouldBe("1000");
        foreach (var file in context.TestOutputs.Files.Values)
        {
            File.Exists(file).ShouldBeTrue();
            File.Exists(file + ".partial").ShouldBeFalse();
        }

        using (var reader = Data.NumeraiParquetReader.Open(context.TestOutputs.Files["train"]))
        {
            reader.RowCount.ShouldBeGreaterThan(1000);
        }

        spans.Count(a => a.OperationName == "download").ShouldBe(4);
        spans.ShouldAllBe(a => a.GetTagItem("bytes") != null && a.GetTagItem("duration_ms") != null);
        context.ProgressReports.ShouldContain(p => p.Unit == "bytes" && p.Message.Contains("MB/s", StringComparison.Ordinal));
        context.SummaryValues["files"].ShouldBe("4 fetched, 0 unchanged");
    }

    [Fact]
    public async Task Rerun_skips_unchanged_files_and_a_new_round_fetches_a_new_live_file()
    {
        await using var s = await SyntheticSandbox.StartAsync(state: null);
        var stage = new DownloadStage();
        var options = new DownloadOptions { ApiUrl = s.Url, Version = "v5.1", Files = ["train.parquet", "live.parquet"] };
        await using var first = s.Context("download");
        var v1 = await stage.GetExternalVersionAsync(first, options, default);
        await stage.RunAsync(first, options, default);
        var live1 = File.ReadAllBytes(first.TestOutputs.Files["live"]);

        await using var second = s.Context("download");
        (await stage.GetExternalVersionAsync(second, options, default)).ShouldBe(v1);
        await stage.RunAsync(second, options, default);
        second.SummaryValues["files"].ShouldBe("0 fetched, 2 unchanged");

        s.Time.Advance(TimeSpan.FromDays(1));
        await using var third = s.Context("download");
        var v3 = await stage.GetExternalVersionAsync(third, options, default);
        v3.ShouldBe("v5.1 round-1001");
        v3.ShouldNotBe(v1);
        await stage.RunAsync(third, options, default);
        third.SummaryValues["files"].ShouldBe("1 fetched, 1 unchanged");
        File.ReadAllBytes(third.TestOutputs.Files["live"]).ShouldNotBe(live1);
        third.TestOutputs.Values["round"].ShouldBe("1001");
    }

    [Fact]
    public async Task A_cut_download_is_resumed()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("download");
        s.Server.Faults.CutDownloads(1);
        await new DownloadStage().RunAsync(context, new DownloadOptions { ApiUrl = s.Url, Files = ["validation.parquet"] }, default);
        using var reader = Data.NumeraiParquetReader.Open(context.TestOutputs.Files["validation"]);
        reader.RowCount.ShouldBeGreaterThan(0);
        s.Server.Requests.Count(r => r.Range is not null).ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_file_name_suggests_the_closest()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("download");
        var e = await Should.ThrowAsync<StageException>(() => new DownloadStage().RunAsync(context, new DownloadOptions { ApiUrl = s.Url, Files = ["trian.parquet"] }, default));
        e.Code.ShouldBe("NP6001");
        e.ExitCode.ShouldBe(2);
        e.Message.ShouldBe($"stage 'download': option 'files': 'trian.parquet' is not a Numerai dataset file this stage knows (known: {string.Join(", ", DatasetFiles.Known)}). Did you mean 'train.parquet'? Use one of the known names.");
        s.Server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Unknown_version_lists_the_versions()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("download");
        var e = await Should.ThrowAsync<StageException>(() => new DownloadStage().RunAsync(context, new DownloadOptions { ApiUrl = s.Url, Version = "v4.3" }, default));
        e.Code.ShouldBe("NP6002");
        e.Message.ShouldBe("stage 'download': option 'version': 'v4.3' matches no dataset version the API lists (v5.1, v5.2). Use a listed version or 'latest'; if none is listed, check api_url.");
        e.ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task A_bad_api_url_is_NP6006()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("download");
        var e = await Should.ThrowAsync<StageException>(() => new DownloadStage().RunAsync(context, new DownloadOptions { ApiUrl = "ftp://numerai" }, default));
        e.Code.ShouldBe("NP6006");
        e.ExitCode.ShouldBe(2);
        e.Message.ShouldBe("stage 'download': option 'api_url': 'ftp://numerai' is not an http(s) URL. Set api_url or NUMERAI_API_URL to e.g. https://api-tournament.numer.ai.");
        s.Server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_file_the_version_does_not_offer_is_named()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        await using var context = s.Context("download");
        var e = await Should.ThrowAsync<StageException>(() => new DownloadStage().RunAsync(context, new DownloadOptions { ApiUrl = s.Url, Files = ["train_benchmark_models.parquet"] }, default));
        e.Code.ShouldBe("NP6003");
        e.ExitCode.ShouldBe(2);
        e.Message.ShouldBe("stage 'download': 'train_benchmark_models.parquet' not offered for v5.2 (offered: features.json, train.parquet, validation.parquet, live.parquet, meta_model.parquet, validation_benchmark_models.parquet, live_example_preds.parquet). Remove it from 'files' or pick another version.");
    }

    [Fact]
    public async Task Closed_round_declines()
    {
        await using var s = await SyntheticSandbox.StartAsync(SandboxRoundState.Closed);
        await using var context = s.Context("download");
        var options = new DownloadOptions { ApiUrl = s.Url };
        (await new DownloadStage().GetExternalVersionAsync(context, options, default)).ShouldBe("round-closed");
        var result = await new DownloadStage().RunAsync(context, options, default);
        result.Status.ShouldBe(StageResultStatus.Declined);
        result.Code.ShouldBe("NP6004");
        result.Message.ShouldBe("no Numerai round is open (Current round not open for submissions), so the current files cannot be fetched; run again when the next round opens, or set 'round' to fetch a past round's files");
    }

    private static ActivityListener Listen(List<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "NumeraiPipeline.Orchestrator",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (spans)
                {
                    spans.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
