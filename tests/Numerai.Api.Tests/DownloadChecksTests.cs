using NumeraiPipeline.Plugins.Numerai.Download;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Numerai.Api.Tests;

/// <summary>numerai.download's doctor check: files offered, their sizes against the disk, facts read remotely.</summary>
public sealed class DownloadChecksTests
{
    [Fact]
    public async Task Sizes_the_files_by_ranged_reads_and_learns_rows_and_feature_sets_without_downloading()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var ws = new TempWorkspace("np-check-");
        var context = new TestCheckContext(ws.Path, time: h.Time);
        var options = new DownloadOptions { ApiUrl = h.Server.Url.ToString(), Version = "latest", Files = ["train.parquet", "features.json"] };

        var rows = await new DownloadStage().CheckAsync(context, options, default);

        var expected = new FileInfo(Path.Combine(h.DataDirectory, "v5.2", "train.parquet")).Length + new FileInfo(Path.Combine(h.DataDirectory, "v5.2", "features.json")).Length;
        var row = rows.ShouldHaveSingleItem();
        row.Name.ShouldBe("free disk");
        row.Status.ShouldBe(CheckStatus.Ok);
        row.Detail.ShouldStartWith($"{expected / (double)(1 << 20):0.0} MiB for 2 files of v5.2; ");
        row.Detail.ShouldEndWith($" free in {ws.Path}");
        context.OutputFacts[("train", "rows")].ShouldBe("3000");
        context.OutputFacts[("train", "features")].ShouldBe("1");
        context.OutputFacts[("features", "feature_set.small")].ShouldBe("1");
        // Nothing but the first byte and the footer blocks was read: no full GET of the files.
        h.Server.Requests.Where(r => r.Method == "GET").ShouldAllBe(r => r.Range != null);
        Directory.GetFiles(ws.Path, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_version_that_is_not_offered_fails_listing_the_offered_ones()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var ws = new TempWorkspace("np-check-");

        var rows = await new DownloadStage().CheckAsync(new TestCheckContext(ws.Path, time: h.Time), new DownloadOptions { ApiUrl = h.Server.Url.ToString(), Version = "v4.9" }, default);

        rows.ShouldBe([CheckResult.Failed("numerai datasets", "version 'v4.9' is not offered (offered: v5.1, v5.2)", "Set 'version' (NUMERAI_DATASET_VERSION for numerai-daily) to an offered version or 'latest'.")]);
    }
}
