using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

public sealed class SecretOptions
{
    /// <summary>The secret; empty: a fresh random one every run (as the sandbox's keys).</summary>
    public string Value { get; set; } = "";
}

/// <summary>Gives a secret as an output (like numerai.sandbox's secret_key) and a plain value.</summary>
[Stage("test.secret", Description = "Outputs a secret value and a plain one")]
[StageOutput("token", Kind = OutputKind.Value, Secret = true, Description = "The secret")]
[StageOutput("plain", Kind = OutputKind.Value, Description = "Not a secret")]
public sealed class SecretStage : IStage<SecretOptions>
{
    public Task<StageResult> RunAsync(StageContext context, SecretOptions options, CancellationToken cancellationToken)
    {
        context.Outputs.SetValue("token", options.Value.Length > 0 ? options.Value : "tok-" + Guid.NewGuid().ToString("N"));
        context.Outputs.SetValue("plain", "visible");
        return Task.FromResult(StageResult.Succeeded());
    }
}
