using System.Text;
using System.Text.RegularExpressions;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>
/// numerai.report where SkiaSharp's native library is not installed (a copy of the built metrics plugin without
/// libSkiaSharp): the run fails with NP6211 and its text, not with an unhandled exception.
/// </summary>
public sealed class ReportNativeAssetsTests : IDisposable
{
    private readonly TempWorkspace temp = new("np-skia-");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_report_without_SkiaSharps_native_library_is_NP6211()
    {
        var plugins = Path.Combine(temp.Path, "plugins");
        var built = Path.Combine(DemoPipelineTests.Root(), "artifacts", "plugins", "NumeraiPipeline.Plugins.Numerai.Metrics");
        CopyFolder(built, Path.Combine(plugins, "NumeraiPipeline.Plugins.Numerai.Metrics"));
        var removed = Directory.GetFiles(plugins, "libSkiaSharp*", SearchOption.AllDirectories).ToList();
        removed.ShouldNotBeEmpty("the built plugin carries libSkiaSharp");
        removed.ForEach(File.Delete);

        var data = new StringBuilder("id,era,target\n");
        var predictions = new StringBuilder("id,prediction\n");
        for (var i = 0; i < 60; i++)
        {
            data.Append($"n{i},{(i % 3) + 1:0000},{(i % 5) * 0.25:0.00}\n");
            predictions.Append($"n{i},{((i * 7) % 11) / 10.0:0.0}\n");
        }

        File.WriteAllText(Path.Combine(temp.Path, "data.csv"), data.ToString());
        File.WriteAllText(Path.Combine(temp.Path, "predictions.csv"), predictions.ToString());
        var pipeline = Path.Combine(temp.Path, "report.yaml");
        File.WriteAllText(pipeline, """
            stages:
              metrics:
                uses: numerai.metrics
                with: { predictions: predictions.csv, data: data.csv }
              report:
                uses: numerai.report
                with: { metrics: "${stages.metrics.outputs.metrics}" }
            """);

        var (code, output, error) = await CliProcess.RunWithPluginsAsync(temp.Path, plugins, "run", pipeline, "--workspace", Path.Combine(temp.Path, "ws"));

        code.ShouldBe(1, output + error);
        var match = Regex.Match(error, @"stage 'report': error NP6211: (?<message>the charts cannot be drawn: .*? Install the libSkiaSharp native assets for this platform \(the plugin folder's runtimes/ directory\) or run on linux-x64/win-x64/osx\.)", RegexOptions.Singleline);
        match.Success.ShouldBeTrue(error);
        match.Groups["message"].Value.ShouldMatch(@"(?s)^the charts cannot be drawn: SkiaSharp's native library did not load \(.*libSkiaSharp.*\)\. Install");
        (output + error).ShouldNotContain("NP5006");
        (output + error).ShouldNotContain("   at ");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
