resource "google_cloud_run_v2_job" "pipeline" {
  name                = "numerai-pipeline"
  location            = var.region
  deletion_protection = false

  template {
    task_count = 1
    template {
      service_account       = google_service_account.job.email
      timeout               = var.job_timeout
      max_retries           = 1
      execution_environment = "EXECUTION_ENVIRONMENT_GEN2" # needed by Cloud Storage volumes

      dynamic "volumes" {
        for_each = var.workspace_on_volume ? [1] : []
        content {
          name = "bucket"
          gcs {
            bucket    = google_storage_bucket.artifacts.name
            read_only = false
          }
        }
      }

      containers {
        image = var.image
        # The notify stage of the pipeline becomes notify.slack through --set (the pipeline file stays as it is).
        args = concat(
          ["run", var.pipeline, "--log-format", "json"],
          var.notify_slack ? [
            "--set", "stages.notify.uses=notify.slack",
            "--set", "stages.notify.with.webhook_url=$${secrets.SLACK_WEBHOOK_URL}",
            "--set", "stages.notify.with.title=${var.numerai_model}",
          ] : [],
        )

        resources {
          limits = {
            cpu    = var.job_cpu
            memory = var.job_memory
          }
        }

        dynamic "volume_mounts" {
          for_each = var.workspace_on_volume ? [1] : []
          content {
            name       = "bucket"
            mount_path = "/pipeline/bucket"
          }
        }

        env {
          name  = "NUMERAI_MODEL"
          value = var.numerai_model
        }

        # Both modes keep the same layout in the bucket: gs://BUCKET/workspace/{artifacts,stamps}/PIPELINE/...
        env {
          name  = var.workspace_on_volume ? "NUMERAI_PIPELINE_WORKSPACE" : "NUMERAI_PIPELINE_STORE"
          value = var.workspace_on_volume ? "/pipeline/bucket/workspace" : "gs://${google_storage_bucket.artifacts.name}/workspace"
        }

        dynamic "env" {
          for_each = google_secret_manager_secret.job
          content {
            name = env.key
            value_source {
              secret_key_ref {
                secret  = env.value.secret_id
                version = "latest"
              }
            }
          }
        }
      }
    }
  }

  depends_on = [google_secret_manager_secret_iam_member.job_reads, google_storage_bucket_iam_member.job_objects]
}
