variable "project_id" {
  description = "The Google Cloud project to deploy into."
  type        = string
}

variable "region" {
  description = "Region of the Cloud Run job, the trigger service, the bucket and the image repository."
  type        = string
  default     = "europe-west1"
}

variable "image" {
  description = "The numerai-pipeline image (deploy/gcp/Dockerfile), e.g. europe-west1-docker.pkg.dev/PROJECT/numerai/numerai-pipeline:TAG."
  type        = string
}

variable "trigger_image" {
  description = "The trigger service image (deploy/gcp/Dockerfile.trigger); empty to deploy no trigger service."
  type        = string
  default     = ""
}

variable "pipeline" {
  description = "The pipeline file inside the image that the job runs."
  type        = string
  default     = "/app/pipelines/numerai-daily.yaml"
}

variable "job_cpu" {
  description = "vCPUs of the job (see the sizing table in deploy/gcp/README.md): 2 for the medium feature set, 8 for all."
  type        = string
  default     = "2"
}

variable "job_memory" {
  description = "Memory of the job (see the sizing table): 8Gi for medium, 32Gi for all features."
  type        = string
  default     = "8Gi"
}

variable "job_timeout" {
  description = "Longest run of one job execution."
  type        = string
  default     = "3600s"
}

variable "schedule" {
  description = "Cron of the scheduled runs (UTC): shortly after the round opens, Tuesday to Saturday. The pipeline's round-aware submit stage checks that the round is open."
  type        = string
  default     = "20 12 * * 2-6"
}

variable "bucket_name" {
  description = "Name of the artifact bucket (globally unique)."
  type        = string
}

variable "artifact_retention_days" {
  description = "Days after which artifacts and stamps in the bucket are deleted (a deleted stamp only means the stage reruns)."
  type        = number
  default     = 30
}

variable "workspace_on_volume" {
  description = "true: the workspace lives on the bucket through a Cloud Storage FUSE volume (data files do not use the job's memory); false: the workspace is in the container's in-memory filesystem and synced with the bucket before and after each stage (NUMERAI_PIPELINE_STORE). See the sizing table in the README."
  type        = bool
  default     = true
}

variable "numerai_model" {
  description = "Your Numerai model's name (NUMERAI_MODEL of pipelines/numerai-daily.yaml)."
  type        = string
}

variable "notify_slack" {
  description = "true: the pipeline's notify stage posts to Slack (SLACK_WEBHOOK_URL) instead of printing to the log."
  type        = bool
  default     = true
}

variable "training_pipeline" {
  description = "The pipeline the training job spreads over its tasks: one with matrix stages (the model zoo), whose fan-in the daily job runs."
  type        = string
  default     = "/app/pipelines/numerai-ensemble.yaml"
}

variable "training_task_count" {
  description = "Tasks of one training execution (N of --shard I/N): the matrix instances are dealt out over them. See the sizing table in deploy/gcp/README.md."
  type        = number
  default     = 10
}

variable "training_parallelism" {
  description = "Tasks running at once (0: as many as Cloud Run allows); fewer than training_task_count caps the cost rate, not the total."
  type        = number
  default     = 10
}

variable "training_cpu" {
  description = "vCPUs of each training task."
  type        = string
  default     = "2"
}

variable "training_memory" {
  description = "Memory of each training task: the training peak plus the data files, which a task keeps in its in-memory filesystem (see the sizing table)."
  type        = string
  default     = "16Gi"
}

variable "training_timeout" {
  description = "Longest run of one training task (Cloud Run allows up to 168h)."
  type        = string
  default     = "21600s"
}

variable "training_max_retries" {
  description = "Retries of a failed training task; a retry resumes from the stages its earlier attempt stored."
  type        = number
  default     = 3
}

variable "training_shard_wait" {
  description = "--shard-wait of the tasks: how long a task waits for shared work (the download) another task is doing."
  type        = string
  default     = "02:00:00"
}

variable "training_schedule" {
  description = "Cron of the weekly retrain (UTC), before the week's first round; run it by hand with gcloud run jobs execute."
  type        = string
  default     = "0 4 * * 2"
}
