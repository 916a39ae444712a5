using Microsoft.Extensions.Configuration;

namespace NumeraiPipeline.CloudTrigger;

/// <summary>The service's settings, from the environment (or command-line <c>--KEY=value</c>).</summary>
internal sealed record TriggerSettings(string Secret, string JobName, Uri CloudRunApi, Uri MetadataServer)
{
    /// <summary>Reads and checks the settings; throws <see cref="TriggerConfigurationException"/> naming what is missing.</summary>
    public static TriggerSettings From(IConfiguration configuration)
    {
        var secret = configuration["TRIGGER_SECRET"];
        if (string.IsNullOrEmpty(secret) && configuration["TRIGGER_SECRET_FILE"] is { Length: > 0 } file)
        {
            try
            {
                secret = File.ReadAllText(file).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new TriggerConfigurationException(TriggerErrors.SecretFileUnreadable, ex, file, ex.Message.Split('\n')[0].TrimEnd('.'));
            }
        }

        if (string.IsNullOrEmpty(secret) || secret.Length < 16)
        {
            throw new TriggerConfigurationException(TriggerErrors.BadSecret, null);
        }

        var job = configuration["CLOUD_RUN_JOB"] ?? "";
        var parts = job.Split('/');
        if (parts.Length != 6 || parts[0] != "projects" || parts[2] != "locations" || parts[4] != "jobs" || parts.Any(p => p.Length == 0))
        {
            throw new TriggerConfigurationException(TriggerErrors.BadJobName, null, job);
        }

        var api = new Uri(configuration["CLOUD_RUN_API"] ?? "https://run.googleapis.com");
        var metadataHost = configuration["GCE_METADATA_HOST"] ?? "metadata.google.internal";
        var metadata = new Uri(metadataHost.Contains("://", StringComparison.Ordinal) ? metadataHost : "http://" + metadataHost);
        return new TriggerSettings(secret, job, api, metadata);
    }
}
