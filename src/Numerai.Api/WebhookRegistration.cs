using System.Text.RegularExpressions;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Api;

/// <summary>
/// <c>numerai-pipeline numerai set-webhook MODEL URL</c>: registers (or clears) the compute webhook of a model, so
/// Numerai calls the trigger (deploy/gcp, src/CloudTrigger) when a round opens, then reads the model back to confirm.
/// The trigger's shared secret can be added as the <c>secret</c> query parameter from an environment variable (or
/// NAME_FILE); it is never printed: every URL shown has its query values replaced by <c>***</c>.
/// </summary>
public sealed record WebhookRegistration
{
    /// <summary>The origin of the messages.</summary>
    public const string Origin = "numerai-pipeline";

    /// <summary>The model name.</summary>
    public required string ModelName { get; init; }

    /// <summary>The trigger URL, or null to remove the model's webhook.</summary>
    public string? Url { get; init; }

    /// <summary>An environment variable (or NAME_FILE) holding the trigger's shared secret, added as <c>?secret=</c>.</summary>
    public string? SecretVariable { get; init; }

    /// <summary>The API endpoint (a command option), else NUMERAI_API_URL, else Numerai.</summary>
    public string? ApiUrl { get; init; }

    /// <summary>Reads environment variables (the keys, NUMERAI_API_URL, the secret); defaults to the process environment.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Runs it: 0 when registered and confirmed, 2 for bad input (URL, model name), 3 for missing or refused keys, 1 otherwise.</summary>
    /// <param name="output">Where the confirmation goes.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The exit code.</returns>
    public async Task<int> RunAsync(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string? url;
        try
        {
            url = BuildUrl();
        }
        catch (ArgumentException e)
        {
            return await WriteAsync(error, NumeraiErrors.BadWebhookUrl, e.Message).ConfigureAwait(false);
        }

        Uri endpoint;
        try
        {
            endpoint = NumeraiClientOptions.ResolveEndpoint(ApiUrl, Environment);
        }
        catch (ArgumentException)
        {
            var text = string.IsNullOrWhiteSpace(ApiUrl) ? Environment(NumeraiClientOptions.ApiUrlVariable) : ApiUrl;
            return await WriteAsync(error, NumeraiErrors.BadWebhookUrl, $"the API URL {Describe(text)} (--api-url, else {NumeraiClientOptions.ApiUrlVariable}) is not an http(s) URL").ConfigureAwait(false);
        }

        using var client = new NumeraiClient(new NumeraiClientOptions { Endpoint = endpoint, Credentials = NumeraiCredentials.FromEnvironment(Environment) });
        try
        {
            var model = await client.GetModelByNameAsync(ModelName, cancellationToken).ConfigureAwait(false);
            var confirmed = await client.SetSubmissionWebhookAsync(model.Id, url, cancellationToken).ConfigureAwait(false);
            var now = await client.GetModelAsync(model.Id, cancellationToken).ConfigureAwait(false);
            if (!confirmed || !string.Equals(now.SubmissionWebhook, url, StringComparison.Ordinal))
            {
                return await WriteAsync(error, NumeraiErrors.WebhookNotConfirmed, model.Name, Describe(now.SubmissionWebhook)).ConfigureAwait(false);
            }

            await output.WriteLineAsync(url is null
                ? $"Removed the compute webhook of model '{model.Name}' ({model.Id}) at {endpoint.GetLeftPart(UriPartial.Authority)}."
                : $"Numerai ({endpoint.GetLeftPart(UriPartial.Authority)}) will call {Describe(url)} for model '{model.Name}' ({model.Id}) when a round opens.").ConfigureAwait(false);
            return 0;
        }
        catch (NumeraiApiException e)
        {
            await error.WriteLineAsync($"{Origin}: error {e.Code}: {Redact(e.Message, url)}").ConfigureAwait(false);
            return (int)e.Error.Exit;
        }
    }

    /// <summary>Writes <c>numerai-pipeline: error CODE: message</c> and returns the code's exit code.</summary>
    /// <param name="error">Where errors go.</param>
    /// <param name="code">The code.</param>
    /// <param name="args">The values of its placeholders.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> WriteAsync(TextWriter error, ErrorCode code, params object?[] args)
    {
        await error.WriteLineAsync($"{Origin}: error {code.Code}: {code.Format(args)}").ConfigureAwait(false);
        return (int)code.Exit;
    }

    /// <summary>A URL as shown to people: every query value replaced by <c>***</c> (the trigger's secret travels there).</summary>
    /// <param name="url">The URL, or null.</param>
    /// <returns>The safe text.</returns>
    public static string Describe(string? url) =>
        url is null ? "no webhook" : "'" + Regex.Replace(url, "([?&][^=&#]+)=[^&#]*", "$1=***", RegexOptions.None, TimeSpan.FromSeconds(1)) + "'";

    private static string Redact(string message, string? url) => url is null ? message : message.Replace(url, Describe(url).Trim('\''), StringComparison.Ordinal);

    private string? BuildUrl()
    {
        if (string.IsNullOrWhiteSpace(Url))
        {
            return SecretVariable is null ? null : throw new ArgumentException("--secret-env needs a URL to add the secret to");
        }

        if (!Uri.TryCreate(Url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            throw new ArgumentException($"'{Describe(Url).Trim('\'')}' is not an absolute https URL");
        }

        if (SecretVariable is null)
        {
            return uri.AbsoluteUri;
        }

        var secret = Environment(SecretVariable) is { Length: > 0 } value
            ? value
            : Environment(SecretVariable + "_FILE") is { Length: > 0 } file && File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        if (string.IsNullOrEmpty(secret))
        {
            throw new ArgumentException($"--secret-env {SecretVariable}: neither {SecretVariable} nor {SecretVariable}_FILE is set (export the trigger's shared secret, TRIGGER_SECRET from Secret Manager, first)");
        }

        var builder = new UriBuilder(uri);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length == 0 ? "" : query + "&") + "secret=" + Uri.EscapeDataString(secret);
        return builder.Uri.AbsoluteUri;
    }
}
