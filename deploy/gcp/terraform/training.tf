# The training job: the same image and bucket as the daily job, run as training_task_count tasks at once
# (training_parallelism at a time). Each task is `run --shard` from Cloud Run's CLOUD_RUN_TASK_INDEX/COUNT: it trains
# its share of the pipeline's matrix instances and pushes each finished stage to gs://BUCKET/workspace, where the
# daily job (the gather) finds every instance up to date and only ensembles, predicts and submits. Shared upstream
# work (the download) is done once under a lease in the bucket; a retried task resumes from what it stored.

resource "google_cloud_run_v2_job" "training" {
  name                = "numerai-pipeline-training"
  location            = var.region
  deletion_protection = false

  template {
    task_count  = var.training_task_count
    parallelism = var.training_parallelism

    template {
      service_account = google_service_account.job.email
      timeout         = var.training_timeout
      max_retries     = var.training_max_retries

      containers {
        image = var.image
        # No --shard: each task takes its index and the count from CLOUD_RUN_TASK_INDEX/CLOUD_RUN_TASK_COUNT.
        args = ["run", var.training_pipeline, "--log-format", "json", "--shard-wait", var.training_shard_wait]

        resources {
          limits = {
            cpu    = var.training_cpu
            memory = var.training_memory
          }
        }

        env {
          name  = "NUMERAI_MODEL"
          value = var.numerai_model
        }

        # Always the store mode (a local workspace per task, synced stage by stage): tasks must not share one
        # workspace folder. The layout in the bucket is the daily job's, in either of its modes.
        env {
          name  = "NUMERAI_PIPELINE_STORE"
          value = "gs://${google_storage_bucket.artifacts.name}/workspace"
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

resource "google_cloud_run_v2_job_iam_member" "scheduler_runs_training" {
  name     = google_cloud_run_v2_job.training.name
  location = var.region
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.scheduler.email}"
}

# The weekly retrain. By hand: gcloud run jobs execute numerai-pipeline-training --region REGION
resource "google_cloud_scheduler_job" "training" {
  name        = "numerai-pipeline-training"
  region      = var.region
  description = "Retrains the model zoo over training_task_count Cloud Run tasks"
  schedule    = var.training_schedule
  time_zone   = "Etc/UTC"

  retry_config {
    retry_count          = 1
    min_backoff_duration = "300s"
  }

  http_target {
    http_method = "POST"
    uri         = "https://run.googleapis.com/v2/${google_cloud_run_v2_job.training.id}:run"

    oauth_token {
      service_account_email = google_service_account.scheduler.email
      scope                 = "https://www.googleapis.com/auth/cloud-platform"
    }
  }

  depends_on = [google_cloud_run_v2_job_iam_member.scheduler_runs_training]
}
