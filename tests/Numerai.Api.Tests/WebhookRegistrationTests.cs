using NumeraiPipeline.Numerai.Sandbox;

namespace NumeraiPipeline.Numerai.Api.Tests;

/// <summary><c>numerai set-webhook</c>'s logic: registration, read-back, the secret kept out of every line, exit codes.</summary>
public sealed class WebhookRegistrationTests
{
    private static Func<string, string?> Environment(SyntheticSandbox s, bool keys = true, string? secret = "0123456789abcdef0123") => name => name switch
    {
        "NUMERAI_API_URL" => s.Url,
        "NUMERAI_PUBLIC_ID" when keys => SandboxServer.DemoPublicId,
        "NUMERAI_SECRET_KEY" when keys => SandboxServer.DemoSecretKey,
        "TRIGGER_SECRET" => secret,
        _ => null,
    };

    private static async Task<(int Code, string Output, string Error)> RunAsync(WebhookRegistration registration)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await registration.RunAsync(output, error, CancellationToken.None);
        return (code, output.ToString().Trim(), error.ToString().Trim());
    }

    [Fact]
    public async Task Registers_the_trigger_url_with_its_secret_and_never_prints_the_secret()
    {
        await using var s = await SyntheticSandbox.StartAsync();

        var (code, output, error) = await RunAsync(new WebhookRegistration
        {
            ModelName = "demo_model",
            Url = "https://numerai-pipeline-trigger-abc.a.run.app/numerai/compute",
            SecretVariable = "TRIGGER_SECRET",
            Environment = Environment(s),
        });

        code.ShouldBe(0, error);
        output.ShouldBe($"Numerai ({s.Server.Url.GetLeftPart(UriPartial.Authority)}) will call 'https://numerai-pipeline-trigger-abc.a.run.app/numerai/compute?secret=***' for model 'demo_model' ({s.ModelId()}) when a round opens.");
        output.ShouldNotContain("0123456789abcdef0123");
        using var client = s.DemoClient();
        (await client.GetModelAsync(s.ModelId())).SubmissionWebhook.ShouldBe("https://numerai-pipeline-trigger-abc.a.run.app/numerai/compute?secret=0123456789abcdef0123");

        var (cleared, clearedOutput, _) = await RunAsync(new WebhookRegistration { ModelName = "demo_model", Environment = Environment(s) });
        cleared.ShouldBe(0);
        clearedOutput.ShouldStartWith("Removed the compute webhook of model 'demo_model'");
        (await client.GetModelAsync(s.ModelId())).SubmissionWebhook.ShouldBeNull();
    }

    [Fact]
    public async Task Bad_input_is_exit_2_with_a_coded_message()
    {
        await using var s = await SyntheticSandbox.StartAsync();

        var notHttps = await RunAsync(new WebhookRegistration { ModelName = "demo_model", Url = "http://trigger.example/numerai/compute?secret=s3cr3t", Environment = Environment(s) });
        var noSecret = await RunAsync(new WebhookRegistration { ModelName = "demo_model", Url = "https://t.example/c", SecretVariable = "TRIGGER_SECRET", Environment = Environment(s, secret: null) });
        var unknownModel = await RunAsync(new WebhookRegistration { ModelName = "demo_modell", Url = "https://t.example/c", Environment = Environment(s) });

        notHttps.Code.ShouldBe(2);
        notHttps.Error.ShouldBe("numerai-pipeline: error NP6514: 'http://trigger.example/numerai/compute?secret=***' is not an absolute https URL. Usage: numerai set-webhook MODEL URL [--secret-env NAME] [--api-url URL], or MODEL --clear; URL is the trigger's https URL (the terraform output webhook_url, https://…/numerai/compute; http only for a loopback host) and NAME a variable (or NAME_FILE) holding the trigger's shared secret.");
        noSecret.Code.ShouldBe(2);
        noSecret.Error.ShouldBe("numerai-pipeline: error NP6514: " + NumeraiErrors.BadWebhookUrl.Format("--secret-env TRIGGER_SECRET: neither TRIGGER_SECRET nor TRIGGER_SECRET_FILE is set (export the trigger's shared secret, TRIGGER_SECRET from Secret Manager, first)"));
        var secretWithoutUrl = await RunAsync(new WebhookRegistration { ModelName = "demo_model", SecretVariable = "TRIGGER_SECRET", Environment = Environment(s) });
        var badApiUrl = await RunAsync(new WebhookRegistration { ModelName = "demo_model", Url = "https://t.example/c", ApiUrl = "ftp://numerai", Environment = Environment(s) });
        secretWithoutUrl.Code.ShouldBe(2);
        secretWithoutUrl.Error.ShouldBe("numerai-pipeline: error NP6514: " + NumeraiErrors.BadWebhookUrl.Format("--secret-env needs a URL to add the secret to"));
        badApiUrl.Code.ShouldBe(2);
        badApiUrl.Error.ShouldBe("numerai-pipeline: error NP6514: " + NumeraiErrors.BadWebhookUrl.Format("the API URL 'ftp://numerai' (--api-url, else NUMERAI_API_URL) is not an http(s) URL"));
        unknownModel.Code.ShouldBe(2);
        unknownModel.Error.ShouldBe("numerai-pipeline: error NP6513: Numerai API: model 'demo_modell' is not one of this account's models (the account has: 'demo_model', 'demo_model_2'). Check the model name, or create the model on numer.ai.");
    }

    [Fact]
    public async Task Missing_keys_are_exit_3()
    {
        await using var s = await SyntheticSandbox.StartAsync();

        var (code, _, error) = await RunAsync(new WebhookRegistration { ModelName = "demo_model", Url = "https://t.example/c", Environment = Environment(s, keys: false) });

        code.ShouldBe(3);
        error.ShouldBe("numerai-pipeline: error NP6501: " + NumeraiErrors.MissingCredentials.Format("account"));
    }

    [Fact]
    public async Task A_webhook_numerai_did_not_keep_is_NP6515()
    {
        await using var s = await SyntheticSandbox.StartAsync();
        s.Server.Faults.DropWebhooks(1);

        var (code, _, error) = await RunAsync(new WebhookRegistration { ModelName = "demo_model", Url = "https://t.example/c?secret=hidden", Environment = Environment(s) });

        code.ShouldBe(1);
        error.ShouldBe("numerai-pipeline: error NP6515: Numerai did not confirm the webhook of model 'demo_model' (it now shows no webhook). Run the command again; check the model on numer.ai.");
    }
}
