using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.CloudTrigger;

/// <summary>
/// The NP679x codes of the webhook trigger service (a separate ASP.NET app, not a plugin): configuration errors that stop
/// the service at start with exit code 3. docs/errors.md is generated from this catalogue.
/// </summary>
[ErrorCatalogue("cloud trigger service (CloudTrigger)")]
internal static class TriggerErrors
{
    public static readonly ErrorCode BadSecret = new("NP6791", "Trigger secret missing or short", "TRIGGER_SECRET is missing or shorter than 16 characters. Set it from Secret Manager (see deploy/gcp/README.md).", "Set TRIGGER_SECRET (16 characters or more) or TRIGGER_SECRET_FILE.", ExitClass.Environment);
    public static readonly ErrorCode BadJobName = new("NP6792", "Bad Cloud Run job name", "CLOUD_RUN_JOB is '{0}', expected projects/PROJECT/locations/REGION/jobs/JOB. Set it to the job's full name.", "Set CLOUD_RUN_JOB to projects/PROJECT/locations/REGION/jobs/JOB.", ExitClass.Environment);
    public static readonly ErrorCode SecretFileUnreadable = new("NP6793", "Trigger secret file unreadable", "TRIGGER_SECRET_FILE names '{0}', which cannot be read ({1}). Mount the secret at that path, or set TRIGGER_SECRET.", "Mount the secret file, or set TRIGGER_SECRET.", ExitClass.Environment);
    // next free: NP6794
}

/// <summary>A setting of the service is missing or wrong: the service does not start (exit code 3), saying what to fix.</summary>
internal sealed class TriggerConfigurationException : Exception
{
    public TriggerConfigurationException(ErrorCode error, Exception? innerException, params object?[] args)
        : base(error.Format(args), innerException)
    {
        Error = error;
    }

    public ErrorCode Error { get; }

    /// <summary>The line the service prints: <c>error NP6791: ...</c>.</summary>
    public string Line => $"error {Error.Code}: {Message}";
}
