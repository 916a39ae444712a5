output "job" {
  description = "The Cloud Run job's full name (CLOUD_RUN_JOB of the trigger)."
  value       = google_cloud_run_v2_job.pipeline.id
}

output "bucket" {
  description = "The artifact store URI the job uses (NUMERAI_PIPELINE_STORE)."
  value       = "gs://${google_storage_bucket.artifacts.name}/workspace"
}

output "webhook_url" {
  description = "The URL to register as Numerai's compute webhook (append ?secret=... yourself; the secret is not in state)."
  value       = var.trigger_image == "" ? "" : "${google_cloud_run_v2_service.trigger[0].uri}/numerai/compute"
}

output "image_repository" {
  description = "Where to push the images."
  value       = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "training_job" {
  description = "The training job's full name; start it by hand with gcloud run jobs execute numerai-pipeline-training."
  value       = google_cloud_run_v2_job.training.id
}
