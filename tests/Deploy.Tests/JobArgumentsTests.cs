using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NumeraiPipeline.Deploy.Tests;

/// <summary>The Cloud Run job's arguments in job.tf are accepted by the CLI on the pipeline they name.</summary>
public sealed partial class JobArgumentsTests
{
    [Fact]
    public async Task The_jobs_arguments_validate_against_the_pipeline_in_the_image()
    {
        var job = RepositoryFiles.Read("deploy/gcp/terraform/job.tf");
        var args = ArgsBlock().Match(job).Groups[1].Value;
        var strings = QuotedString().Matches(args).Select(m => m.Groups[1].Value.Replace("$${", "${", StringComparison.Ordinal)).ToList();
        strings[0].ShouldBe("run");
        strings.ShouldContain("stages.notify.uses=notify.slack");

        // "run var.pipeline --log-format json [--set ...]": validate the same pipeline with the same overrides.
        var pipeline = RepositoryFiles.PathOf(DefaultPipeline().Match(RepositoryFiles.Read("deploy/gcp/terraform/variables.tf")).Groups[1].Value.Replace("/app/", "", StringComparison.Ordinal));
        var sets = strings.SkipWhile(s => s != "--set").Select(s => s.Replace("${var.numerai_model}", "my_model", StringComparison.Ordinal)).ToList();
        sets.Count.ShouldBe(6);

        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var start = new ProcessStartInfo("dotnet", ["exec", RepositoryFiles.PathOf($"src/Orchestrator/bin/{configuration}/net10.0/numerai-pipeline.dll"), "validate", pipeline, .. sets])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.Root,
        };
        start.Environment["NUMERAI_MODEL"] = "my_model";
        start.Environment["SLACK_WEBHOOK_URL"] = "https://hooks.example.com/services/a/b/c";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.ShouldBe(0, output);
        output.ShouldContain("is valid");
    }

    [GeneratedRegex("args = concat\\(([\\s\\S]*?)\\n        \\)")]
    private static partial Regex ArgsBlock();

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex QuotedString();

    [GeneratedRegex("variable \"pipeline\" \\{[^}]*default\\s*=\\s*\"([^\"]+)\"")]
    private static partial Regex DefaultPipeline();
}
