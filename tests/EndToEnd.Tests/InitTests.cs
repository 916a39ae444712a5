using NumeraiPipeline.Orchestrator.Cli;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>numerai-pipeline init: a starting project with the built-in pipelines, .env.example and a README.</summary>
public sealed class InitTests : IDisposable
{
    private readonly TempWorkspace temp = new("np-init-");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Writes_the_built_in_pipelines_an_env_example_without_values_and_a_readme()
    {
        var dir = Path.Combine(temp.Path, "project");

        var (code, output, error) = await Run("init", dir);

        code.ShouldBe(0, error);
        output.ShouldContain("  pipelines/demo.yaml");
        foreach (var pipeline in Directory.GetFiles(Path.Combine(DemoPipelineTests.Root(), "pipelines"), "*.yaml"))
        {
            File.ReadAllText(Path.Combine(dir, "pipelines", Path.GetFileName(pipeline))).ShouldBe(File.ReadAllText(pipeline));
        }

        var env = File.ReadAllLines(Path.Combine(dir, ".env.example"));
        var assignments = env.Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        assignments.ShouldAllBe(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^[A-Z_][A-Z0-9_]*=$"), "no values");
        // From ${env.X} / ${secrets.X} in the pipelines ...
        assignments.ShouldContain("NUMERAI_MODEL=");
        assignments.ShouldContain("NUMERAI_DATASET_VERSION=");
        LineBefore(env, "NUMERAI_DATASET_VERSION=").ShouldBe("# optional (default 'latest'), read by pipelines/numerai-daily.yaml");
        LineBefore(env, "NUMERAI_MODEL=").ShouldBe("# read by pipelines/numerai-daily.yaml");
        // ... and what the stage types read themselves ([StageVariable]).
        LineBefore(env, "NUMERAI_SECRET_KEY=").ShouldBe("# secret, read by numerai.round, numerai.download, numerai.performance, numerai.submit");
        assignments.ShouldContain("NUMERAI_PUBLIC_ID=");
        assignments.ShouldContain("TRIGGER_ID=");
        assignments.Count(a => a == "NUMERAI_API_URL=").ShouldBe(1);
        LineBefore(env, "NUMERAI_API_URL=").ShouldBe("# optional, read by pipelines/numerai-daily.yaml, numerai.round, numerai.download, numerai.performance, numerai.submit");
        var readme = File.ReadAllText(Path.Combine(dir, "README.md"));
        var names = Directory.GetFiles(Path.Combine(DemoPipelineTests.Root(), "pipelines"), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        readme.ShouldContain($"copies of the built-in pipelines ({string.Join(", ", names)})");
        readme.ShouldContain("\nnumerai-pipeline doctor numerai-daily ");
        readme.ShouldContain("\nnumerai-pipeline run numerai-daily\n");
        File.ReadAllText(Path.Combine(dir, ".gitignore")).ShouldBe(".numerai-pipeline/\n.env\n");

        // The copies are valid pipelines (numerai-daily-fasttree's 'extends' finds its base beside it).
        foreach (var copy in Directory.GetFiles(Path.Combine(dir, "pipelines")))
        {
            var (valid, _, problems) = await Run("validate", copy);
            valid.ShouldBe(0, problems);
        }
    }

    [Fact]
    public async Task Never_overwrites_without_force()
    {
        var dir = Path.Combine(temp.Path, "again");
        (await Run("init", dir)).Code.ShouldBe(0);
        File.WriteAllText(Path.Combine(dir, "pipelines", "demo.yaml"), "# mine");

        var (code, _, error) = await Run("init", dir);
        File.ReadAllText(Path.Combine(dir, "pipelines", "demo.yaml")).ShouldBe("# mine");
        var (forced, _, _) = await Run("init", dir, "--force");

        code.ShouldBe(2);
        error.Trim().ShouldBe($"numerai-pipeline init: error NP2006: '{Path.Combine(dir, "pipelines", "demo.yaml")}' already exists, so init wrote nothing. Pass --force to overwrite the files init writes, or init another folder.");
        forced.ShouldBe(0);
        File.ReadAllText(Path.Combine(dir, "pipelines", "demo.yaml")).ShouldNotBe("# mine");
    }

    private static string LineBefore(string[] lines, string line) => lines[Array.IndexOf(lines, line) - 1];

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        string? Lookup(string name) => name == "NUMERAI_MODEL" ? "demo_model" : name.StartsWith("NUMERAI", StringComparison.Ordinal) ? null : Environment.GetEnvironmentVariable(name);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.InvokeAsync(args, output, error, CancellationToken.None, environment: Lookup);
        return (code, output.ToString(), error.ToString());
    }
}
