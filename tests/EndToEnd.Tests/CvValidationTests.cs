using NumeraiPipeline.Orchestrator.Cli;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>lightgbm.cv's folds and embargo are checked by validate, with the real plugin, before any data exists.</summary>
public sealed class CvValidationTests : IDisposable
{
    private readonly TempWorkspace temp = new("np-cv-validate-");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Folds_below_two_and_a_negative_embargo_fail_validate_with_their_positions()
    {
        var path = Path.Combine(temp.Path, "cv.yaml");
        File.WriteAllText(path, """
            stages:
              cv:
                uses: lightgbm.cv
                with:
                  data: train.parquet
                  folds: 1
                  embargo: -3
              cv_ok:
                uses: lightgbm.cv
                with: { data: train.parquet, folds: 2, embargo: 0 }
            """);

        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.InvokeAsync(["validate", path, "--plugins", Path.Combine(DemoPipelineTests.Root(), "artifacts", "plugins")], output, error, CancellationToken.None);

        code.ShouldBe(2, output.ToString());
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldContain(l => l.StartsWith($"{path}(6,7): error NP2002: stage 'cv' (lightgbm.cv): option 'folds' is 1: cross-validation needs at least 2 folds", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith($"{path}(7,7): error NP2002: stage 'cv' (lightgbm.cv): option 'embargo' is -3: it counts eras left out on each side of a test block and cannot be negative.", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains("'cv_ok'", StringComparison.Ordinal));
    }
}
