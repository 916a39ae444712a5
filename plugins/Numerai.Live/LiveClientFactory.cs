using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Live;

/// <summary>
/// The API client of a stage: endpoint from api_url, else NUMERAI_API_URL, else Numerai; keys from the options, else
/// the secrets (<see cref="NumeraiCredentials.Resolve"/>), sent to that endpoint whatever its address.
/// </summary>
internal static class LiveClientFactory
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
            throw LiveErrors.BadOption.Exception(context.StageId, "api_url", e.Message);
        }

        var credentials = NumeraiCredentials.Resolve(publicId, secretKey, context.Secrets.Get);
        if (credentials is not null)
        {
            context.Secrets.Register(credentials.SecretKey);
        }

        return new NumeraiClient(new NumeraiClientOptions { Endpoint = endpoint, Credentials = credentials }, context.Logger);
    }


    public static TimeSpan Duration(StageContext context, string option, string text) =>
        DurationText.TryParse(text, out var value)
            ? value
            : throw LiveErrors.BadOption.Exception(context.StageId, option, $"'{text}' is not a duration. {DurationText.Forms}.{DurationText.Suggest(text)}");
}
