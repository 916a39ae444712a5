namespace NumeraiPipeline.CloudTrigger;

/// <summary>The Cloud Run Admin API or the metadata server refused or failed.</summary>
internal sealed class JobLaunchException(string message) : Exception(message);
