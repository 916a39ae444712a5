using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>Builds the API client of a stage: endpoint from the option, else NUMERAI_API_URL, else the real one; keys per <see cref="NumeraiCredentials.ForEndpoint"/>.</summary>
internal static class NumeraiApiFactory
{
    public static NumeraiClient Create(StageContext context, string? apiUrl)
    {
        Uri endpoint;
        try
        {
            endpoint = NumeraiClientOptions.ResolveEndpoint(apiUrl);
        }
        catch (ArgumentException e)
        {
            throw new StageException(DownloadErrorCodes.BadOption, $"stage '{context.StageId}': option 'api_url': {e.Message}") { ExitCode = 2 };
        }

        var credentials = NumeraiCredentials.ForEndpoint(endpoint, context.Secrets.Get);
        if (credentials is not null)
        {
            context.Secrets.Register(credentials.SecretKey);
        }

        return new NumeraiClient(new NumeraiClientOptions { Endpoint = endpoint, Credentials = credentials }, context.Logger);
    }

    public static StageException ToStageException(StageContext context, NumeraiApiException e) =>
        new(e.Code, context.Secrets.Redact($"stage '{context.StageId}': {e.Message}"), e) { ExitCode = e.IsEnvironmentProblem ? 3 : 1 };
}
