using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Live;

/// <summary><c>numerai-pipeline numerai set-webhook MODEL URL</c>: the logic is <see cref="WebhookRegistration"/> (src/Numerai.Api).</summary>
[Command("numerai set-webhook", Description = "Register the compute webhook Numerai calls when a round opens (keys from NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY)", GroupDescription = "Numerai account commands")]
public sealed class SetWebhookCommand : ICommand<SetWebhookOptions>
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandContext context, SetWebhookOptions options, CancellationToken cancellationToken)
    {
        if (options.Clear == !string.IsNullOrWhiteSpace(options.Url))
        {
            return await WebhookRegistration.WriteAsync(context.Error, NumeraiErrors.BadWebhookUrl, "give either the trigger URL or --clear").ConfigureAwait(false);
        }

        var registration = new WebhookRegistration
        {
            ModelName = options.Model,
            Url = options.Url,
            SecretVariable = options.SecretEnv,
            ApiUrl = options.ApiUrl,
            Environment = context.GetEnvironmentVariable,
        };
        return await registration.RunAsync(context.Output, context.Error, cancellationToken).ConfigureAwait(false);
    }
}
