using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>
/// Builds the API client of a stage: endpoint from the option, else NUMERAI_API_URL, else the real one; the keys given
/// as options, else the secrets NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY (<see cref="NumeraiCredentials.Resolve"/>), sent to
/// that endpoint whatever its address.
/// </summary>
internal static class NumeraiApiFactory
{
    public static NumeraiClient Create(StageContext context, string? apiUrl, string? publicId, string? secretKey)
    {
        Uri endpoint;
        try
        {
            endpoint = NumeraiClientOptions.ResolveEndpoint(apiUrl);
        }
        catch (ArgumentException e)
        {
            throw DownloadErrors.BadApiUrl.ExceptionFrom(e, context.StageId, e.Message);
        }

        var credentials = NumeraiCredentials.Resolve(publicId, secretKey, context.Secrets.Get);
        if (credentials is not null)
        {
            context.Secrets.Register(credentials.SecretKey);
        }

        return new NumeraiClient(new NumeraiClientOptions { Endpoint = endpoint, Credentials = credentials }, context.Logger);
    }

}
