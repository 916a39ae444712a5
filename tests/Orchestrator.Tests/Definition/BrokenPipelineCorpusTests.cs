namespace NumeraiPipeline.Orchestrator.Tests.Definition;

/// <summary>
/// Every broken pipeline in Corpus/broken is rejected before anything runs, with exactly the error lines in its
/// .expected file (path shown as {file}) and exit code 2.
/// </summary>
public sealed class BrokenPipelineCorpusTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Corpus", "broken"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Fact]
    public void Corpus_has_at_least_25_broken_files()
    {
        Files().Count.ShouldBeGreaterThanOrEqualTo(25);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Broken_pipeline_is_rejected_with_its_exact_error_lines_and_exit_code_2(string name)
    {
        var path = Path.Combine(TestRepo.Corpus, "broken", name);
        var args = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("# args: ", StringComparison.Ordinal))?["# args: ".Length..].Split(' ') ?? [];
        var expected = File.ReadAllLines(Path.ChangeExtension(path, ".expected")).Where(l => l.Length > 0).ToList();
        var workspace = Path.Combine(Path.GetTempPath(), "np-corpus-" + Guid.NewGuid().ToString("N")[..8]);

        var result = await TestRepo.RunCliAsync(["validate", path, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", workspace, .. args]);

        var display = NumeraiPipeline.Orchestrator.Definition.SourceLocation.DisplayPath(path);
        var lines = result.ErrorLines.Where(l => !l.Contains("NP3003", StringComparison.Ordinal)).Select(l => l.Replace(display, "{file}", StringComparison.Ordinal)).ToList();
        lines.ShouldBe(expected);
        result.ExitCode.ShouldBe(2);
        Directory.Exists(workspace).ShouldBeFalse("validation must not create or touch a workspace");
    }
}
