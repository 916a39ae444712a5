using System.Text.RegularExpressions;

namespace NumeraiPipeline.Deploy.Tests;

/// <summary>
/// The training job of deploy/gcp: N tasks of the same image (task_count/parallelism variables) that shard the
/// pipeline from Cloud Run's task index and count, writing to the daily job's bucket and layout, on a weekly schedule.
/// </summary>
public sealed partial class TrainingJobTests
{
    private static readonly string Training = RepositoryFiles.Read("deploy/gcp/terraform/training.tf");
    private static readonly string Variables = RepositoryFiles.Read("deploy/gcp/terraform/variables.tf");

    [Fact]
    public void Runs_task_count_tasks_parallelism_at_a_time_with_retries()
    {
        var blocks = Hcl.Blocks(Training).ToList();

        blocks.ShouldContain("resource google_cloud_run_v2_job training");
        Training.ShouldContain("task_count  = var.training_task_count");
        Training.ShouldContain("parallelism = var.training_parallelism");
        Training.ShouldContain("max_retries     = var.training_max_retries");
        Default("training_task_count").ShouldBe("10");
        Default("training_parallelism").ShouldBe("10");
    }

    [Fact]
    public void Takes_its_shard_from_cloud_run_and_writes_to_the_daily_jobs_bucket_and_layout()
    {
        var args = Regex.Match(Training, "args = \\[(.*)\\]").Groups[1].Value;

        args.ShouldStartWith("\"run\", var.training_pipeline");
        // The index and count come from CLOUD_RUN_TASK_INDEX/CLOUD_RUN_TASK_COUNT of each task, never written here.
        args.ShouldNotContain("--shard\"");
        args.ShouldContain("\"--shard-wait\", var.training_shard_wait");
        Training.ShouldContain("name  = \"NUMERAI_PIPELINE_STORE\"");
        Training.ShouldContain("value = \"gs://${google_storage_bucket.artifacts.name}/workspace\"");
        RepositoryFiles.Read("deploy/gcp/terraform/job.tf").ShouldContain("\"gs://${google_storage_bucket.artifacts.name}/workspace\"");
        RepositoryFiles.Read("deploy/gcp/terraform/job.tf").ShouldContain("\"/pipeline/bucket/workspace\"");
        Training.ShouldContain("service_account = google_service_account.job.email");
    }

    [Fact]
    public void Starts_on_its_own_weekly_schedule_through_jobs_run()
    {
        Hcl.Blocks(Training).ShouldContain("resource google_cloud_scheduler_job training");
        Training.ShouldContain("schedule    = var.training_schedule");
        Training.ShouldContain("uri         = \"https://run.googleapis.com/v2/${google_cloud_run_v2_job.training.id}:run\"");
        Training.ShouldContain("name     = google_cloud_run_v2_job.training.name");
        var schedule = Default("training_schedule");
        schedule.Split(' ').Length.ShouldBe(5);
        schedule.Split(' ')[4].ShouldNotBe("*", "weekly: one day of the week");
    }

    private static string Default(string variable) =>
        Regex.Match(Variables, $"variable \"{variable}\" \\{{[^}}]*default\\s*=\\s*\"?([^\"\\n]+)\"?").Groups[1].Value.Trim();
}
