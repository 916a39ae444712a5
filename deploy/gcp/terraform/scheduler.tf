# Cloud Scheduler calls the Cloud Run Admin API's jobs.run. Google APIs (*.googleapis.com) take an OAuth access
# token, so the call carries an oauth_token minted for the scheduler's service account; an OIDC ID token is what
# Cloud Run *services* take (see the trigger service). Either way the call is authenticated by Google-signed
# credentials of a dedicated service account, never by a key file.

resource "google_cloud_run_v2_job_iam_member" "scheduler_runs_job" {
  name     = google_cloud_run_v2_job.pipeline.name
  location = var.region
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.scheduler.email}"
}

resource "google_cloud_scheduler_job" "rounds" {
  name        = "numerai-pipeline-rounds"
  region      = var.region
  description = "Runs the pipeline when a Numerai round opens (Tuesday to Saturday)"
  schedule    = var.schedule
  time_zone   = "Etc/UTC"

  retry_config {
    retry_count          = 2
    min_backoff_duration = "60s"
  }

  http_target {
    http_method = "POST"
    uri         = "https://run.googleapis.com/v2/${google_cloud_run_v2_job.pipeline.id}:run"

    oauth_token {
      service_account_email = google_service_account.scheduler.email
      scope                 = "https://www.googleapis.com/auth/cloud-platform"
    }
  }

  depends_on = [google_cloud_run_v2_job_iam_member.scheduler_runs_job]
}
