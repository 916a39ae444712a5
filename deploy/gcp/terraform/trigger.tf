# The HTTP trigger for Numerai's compute webhook. Numerai cannot present Google credentials, so the service is
# reachable without IAM and checks the shared secret (TRIGGER_SECRET) itself, in constant time; it can do nothing
# but start this one job.

resource "google_cloud_run_v2_job_iam_member" "trigger_runs_job" {
  count    = var.trigger_image == "" ? 0 : 1
  name     = google_cloud_run_v2_job.pipeline.name
  location = var.region
  role     = "roles/run.jobsExecutorWithOverrides"
  member   = "serviceAccount:${google_service_account.trigger.email}"
}

resource "google_cloud_run_v2_service" "trigger" {
  count               = var.trigger_image == "" ? 0 : 1
  name                = "numerai-pipeline-trigger"
  location            = var.region
  ingress             = "INGRESS_TRAFFIC_ALL"
  deletion_protection = false

  template {
    service_account = google_service_account.trigger.email
    scaling {
      min_instance_count = 0
      max_instance_count = 2
    }

    containers {
      image = var.trigger_image

      resources {
        limits = {
          cpu    = "1"
          memory = "512Mi"
        }
        cpu_idle = true
      }

      env {
        name  = "CLOUD_RUN_JOB"
        value = google_cloud_run_v2_job.pipeline.id
      }

      env {
        name = "TRIGGER_SECRET"
        value_source {
          secret_key_ref {
            secret  = google_secret_manager_secret.trigger[0].secret_id
            version = "latest"
          }
        }
      }
    }
  }

  depends_on = [google_secret_manager_secret_iam_member.trigger_reads, google_cloud_run_v2_job_iam_member.trigger_runs_job]
}

resource "google_cloud_run_v2_service_iam_member" "trigger_public" {
  count    = var.trigger_image == "" ? 0 : 1
  name     = google_cloud_run_v2_service.trigger[0].name
  location = var.region
  role     = "roles/run.invoker"
  member   = "allUsers"
}
