namespace NumeraiPipeline.CloudTrigger;

/// <summary>Starts one execution of the pipeline's Cloud Run job.</summary>
internal interface IJobLauncher
{
    /// <summary>Starts the job with the given environment overrides; returns the long-running operation's name.</summary>
    Task<string> RunAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken);
}
