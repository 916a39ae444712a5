using NumeraiPipeline.Numerai.Api;

namespace NumeraiPipeline.Plugins.Numerai.Live;

/// <summary>Plan-time checks shared by the options of numerai.performance and numerai.diagnostics.</summary>
internal static class LiveOptionChecks
{
    /// <summary>The problem with an api_url value, or null (empty means NUMERAI_API_URL or Numerai, resolved when the stage runs).</summary>
    public static string? Endpoint(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        try
        {
            NumeraiClientOptions.ResolveEndpoint(url, _ => null);
            return null;
        }
        catch (ArgumentException e)
        {
            return $"option 'api_url': {e.Message}";
        }
    }
}
