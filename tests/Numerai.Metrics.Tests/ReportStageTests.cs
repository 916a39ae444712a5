using System.Buffers.Binary;
using System.Text.RegularExpressions;
using NumeraiPipeline.Plugins.Numerai.Metrics;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace Numerai.Metrics.Tests;

public sealed class ReportStageTests
{
    [Fact]
    public async Task Report_renders_html_with_embedded_png_charts_and_the_summary_numbers()
    {
        using var ws = new TempWorkspace();
        var files = await FixtureFiles.WriteAsync(ws.Path, parquet: false);
        await using var metricsContext = new TestStageContext(ws.Path, "metrics");
        await new MetricsStage().RunAsync(metricsContext, new MetricsOptions
        {
            Predictions = new ArtifactRef(files.Predictions),
            Data = new ArtifactRef(files.Data),
            MetaModel = new ArtifactRef(files.Meta),
            Benchmark = new ArtifactRef(files.Benchmark),
            Features = new ArtifactRef(files.Features),
        }, CancellationToken.None);

        await using var context = new TestStageContext(ws.Path, "report");
        var result = await new ReportStage().RunAsync(context, new ReportOptions
        {
            Metrics = new ArtifactRef(metricsContext.TestOutputs.Files["metrics"]),
            Title = "Fixture <model>",
            Width = 640,
            Height = 320,
        }, CancellationToken.None);

        result.Status.ShouldBe(StageResultStatus.Succeeded);
        var outputs = context.TestOutputs.Files;
        outputs.Keys.ShouldBe(["cumulative_png", "per_era_png", "per_era_mmc_png", "per_era_bmc_png", "exposure_png", "html"], ignoreOrder: true);
        foreach (var png in outputs.Where(o => o.Key.EndsWith("_png", StringComparison.Ordinal)))
        {
            var bytes = await File.ReadAllBytesAsync(png.Value);
            bytes.AsSpan(0, 8).ToArray().ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png.Key);
            BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)).ShouldBe(640);
            BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)).ShouldBe(320);
            bytes.Length.ShouldBeGreaterThan(5000, $"{png.Key} looks empty");
            Path.GetDirectoryName(png.Value).ShouldBe(Path.GetDirectoryName(outputs["html"]));
        }

        var html = await File.ReadAllTextAsync(outputs["html"]);
        html.ShouldContain("<title>Fixture &lt;model&gt;</title>");
        Regex.Matches(html, "src=\"data:image/png;base64,").Count.ShouldBe(5);
        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");

        // summary rows: corr mean 0.10085765…, std 0.08436…, sharpe 1.19551…, drawdown 0.0080875…
        Row(html, "corr").ShouldBe(["CORR", "0.1009", "0.0844", "1.1955", "0.0081", "6"]);
        Row(html, "mmc").ShouldBe(["MMC", "0.0881", "0.0687", "1.2825", "0.0000", "6"]);
        Row(html, "bmc").ShouldBe(["BMC", "0.0933", "0.0710", "1.3139", "0.0000", "6"]);
        Row(html, "fnc")[1].ShouldBe("0.0570");
        Row(html, "feature_exposure")[1].ShouldBe("0.3617");
        html.ShouldContain("<td>0003</td><td class=\"neg\">-0.0081</td>");
    }

    [Fact]
    public async Task A_metrics_file_without_corr_fails_with_NP6210()
    {
        using var ws = new TempWorkspace();
        var path = ws.File("metrics.json");
        await File.WriteAllTextAsync(path, "{\"info\": {}}");
        await using var context = new TestStageContext(ws.Path, "report");
        var ex = await Should.ThrowAsync<StageException>(() => new ReportStage().RunAsync(context, new ReportOptions { Metrics = new ArtifactRef(path) }, CancellationToken.None));
        ex.Code.ShouldBe("NP6210");
        ex.Message.ShouldBe($"metrics file '{path}' has no 'corr' section. Point metrics at the 'metrics' output of a numerai.metrics stage.");
    }

    private static string[] Row(string html, string metric)
    {
        var match = Regex.Match(html, $"<tr data-metric=\"{metric}\">(.*?)</tr>");
        match.Success.ShouldBeTrue(metric);
        return Regex.Matches(match.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(m => m.Groups[1].Value).ToArray();
    }
}
