# Three identities, each with only what it needs:
#  - the job runs the pipeline: reads its three secrets, reads and writes objects in the artifact bucket;
#  - the scheduler starts the job: run.invoker on this job only;
#  - the trigger service starts the job with TRIGGER_ID: jobsExecutorWithOverrides on this job only, and reads its shared secret.
# No identity has a project-wide role.

resource "google_service_account" "job" {
  account_id   = "numerai-pipeline-job"
  display_name = "numerai-pipeline job"
}

resource "google_service_account" "scheduler" {
  account_id   = "numerai-pipeline-scheduler"
  display_name = "Starts the numerai-pipeline job on the round schedule"
}

resource "google_service_account" "trigger" {
  account_id   = "numerai-pipeline-trigger"
  display_name = "Starts the numerai-pipeline job from Numerai's compute webhook"
}
