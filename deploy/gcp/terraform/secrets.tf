# The secrets are created empty: their values are added with `gcloud secrets versions add` (README), so they never
# appear in Terraform files or state.

locals {
  job_secrets = ["NUMERAI_PUBLIC_ID", "NUMERAI_SECRET_KEY", "SLACK_WEBHOOK_URL"]
}

resource "google_secret_manager_secret" "job" {
  for_each  = toset(local.job_secrets)
  secret_id = each.value
  replication {
    auto {}
  }
  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_iam_member" "job_reads" {
  for_each  = google_secret_manager_secret.job
  secret_id = each.value.id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.job.email}"
}

resource "google_secret_manager_secret" "trigger" {
  count     = var.trigger_image == "" ? 0 : 1
  secret_id = "TRIGGER_SECRET"
  replication {
    auto {}
  }
  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_iam_member" "trigger_reads" {
  count     = var.trigger_image == "" ? 0 : 1
  secret_id = google_secret_manager_secret.trigger[0].id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.trigger.email}"
}
