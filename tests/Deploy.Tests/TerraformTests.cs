using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NumeraiPipeline.Deploy.Tests;

/// <summary>The Terraform of deploy/gcp is well-formed and grants only what each identity needs.</summary>
public sealed partial class TerraformTests
{
    private static readonly string Folder = RepositoryFiles.PathOf("deploy/gcp/terraform");
    private static readonly Dictionary<string, string> Files = Directory.GetFiles(Folder, "*.tf").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
    private static readonly string All = string.Join('\n', Files.Values);

    [Fact]
    public void Every_file_has_balanced_blocks_strings_and_interpolations()
    {
        Files.Count.ShouldBeGreaterThanOrEqualTo(8);
        foreach (var (name, text) in Files)
        {
            Should.NotThrow(() => Hcl.Skeleton(text, name), name);
        }
    }

    [Fact]
    public void The_structural_reader_rejects_broken_hcl()
    {
        Should.Throw<FormatException>(() => Hcl.Skeleton("resource \"a\" \"b\" {\n  x = \"open\n}\n", "t.tf"));
        Should.Throw<FormatException>(() => Hcl.Skeleton("resource \"a\" \"b\" {\n  x = [1, 2\n}\n", "t.tf"));
        Should.Throw<FormatException>(() => Hcl.Skeleton("locals {\n  y = \"${var.a\"\n}\n", "t.tf"));
    }

    [Fact]
    public void Declares_the_job_schedule_trigger_secrets_accounts_and_bucket()
    {
        var blocks = Files.Values.SelectMany(Hcl.Blocks).ToList();

        blocks.ShouldContain("resource google_cloud_run_v2_job pipeline");
        blocks.ShouldContain("resource google_cloud_scheduler_job rounds");
        blocks.ShouldContain("resource google_cloud_run_v2_service trigger");
        blocks.ShouldContain("resource google_storage_bucket artifacts");
        blocks.ShouldContain("resource google_secret_manager_secret job");
        blocks.Count(b => b.StartsWith("resource google_service_account ", StringComparison.Ordinal)).ShouldBe(3);
        Files["secrets.tf"].ShouldContain("job_secrets = [\"NUMERAI_PUBLIC_ID\", \"NUMERAI_SECRET_KEY\", \"SLACK_WEBHOOK_URL\"]");
    }

    [Fact]
    public void Every_variable_and_resource_reference_is_declared()
    {
        var skeletonless = All;
        var blocks = Files.Values.SelectMany(Hcl.Blocks).ToHashSet();
        foreach (Match m in VarReference().Matches(skeletonless))
        {
            blocks.ShouldContain($"variable {m.Groups[1].Value}", $"var.{m.Groups[1].Value} is used but not declared");
        }

        foreach (Match m in ResourceReference().Matches(skeletonless))
        {
            blocks.ShouldContain($"resource {m.Groups[1].Value} {m.Groups[2].Value}", $"{m.Value} refers to no resource");
        }
    }

    [Fact]
    public void Grants_no_project_wide_role_no_key_and_keeps_secret_values_out_of_state()
    {
        All.ShouldNotContain("google_project_iam");
        All.ShouldNotContain("google_service_account_key");
        All.ShouldNotContain("google_secret_manager_secret_version");
        All.ShouldNotContain("roles/owner");
        All.ShouldNotContain("roles/editor");
        All.ShouldNotContain("roles/storage.admin");
        Roles().Matches(All).Select(m => m.Groups[1].Value).Distinct().Order().ShouldBe(
            ["roles/run.invoker", "roles/run.jobsExecutorWithOverrides", "roles/secretmanager.secretAccessor", "roles/storage.objectUser"]);
    }

    [Fact]
    public void The_scheduler_calls_jobs_run_authenticated_on_round_days()
    {
        var scheduler = Files["scheduler.tf"];
        scheduler.ShouldContain("uri         = \"https://run.googleapis.com/v2/${google_cloud_run_v2_job.pipeline.id}:run\"");
        scheduler.ShouldContain("service_account_email = google_service_account.scheduler.email");
        scheduler.ShouldContain("time_zone   = \"Etc/UTC\"");
        Files["variables.tf"].ShouldContain("default     = \"20 12 * * 2-6\"");
    }

    [Fact]
    public void Terraform_fmt_accepts_the_files_when_terraform_is_installed()
    {
        var terraform = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(p => Path.Combine(p, "terraform")).FirstOrDefault(File.Exists);
        if (terraform is null)
        {
            // Not installable everywhere; the structural checks above still run.
            return;
        }

        using var process = Process.Start(new ProcessStartInfo(terraform, ["fmt", "-check", "-recursive", "-no-color", Folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, "terraform fmt would change: " + output);
    }

    [GeneratedRegex("\\bvar\\.([a-z_][a-z0-9_]*)")]
    private static partial Regex VarReference();

    [GeneratedRegex("\\b(google_[a-z0-9_]+)\\.([a-z_][a-z0-9_]*)\\b(?=[\\[.\\s,\\]])")]
    private static partial Regex ResourceReference();

    [GeneratedRegex("role\\s*=\\s*\"(roles/[A-Za-z.]+)\"")]
    private static partial Regex Roles();
}
