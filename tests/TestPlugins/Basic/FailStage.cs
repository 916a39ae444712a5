using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

public sealed class FailOptions
{
    public string Message { get; set; } = "it failed";

    /// <summary>stage_exception, unexpected, declined, result or uncoded (a failed result without a code).</summary>
    public string Mode { get; set; } = "stage_exception";

    public string? Secret { get; set; }

    /// <summary>How the message carries the secret, as native libraries and encoders do: as_is, upper, lower, url, json.</summary>
    public string SecretForm { get; set; } = "as_is";

    /// <summary>The StageException's exit code (3: an environment failure such as missing credentials).</summary>
    public int ExitCode { get; set; } = 1;
}

[Stage("test.fail", Description = "Fails (or declines) on purpose")]
[StageOutput("never", Description = "Never written")]
public sealed class FailStage : IStage<FailOptions>
{
    public Task<StageResult> RunAsync(StageContext context, FailOptions options, CancellationToken cancellationToken)
    {
        var secret = options.Secret is null ? null : options.SecretForm switch
        {
            "upper" => options.Secret.ToUpperInvariant(),
            "lower" => options.Secret.ToLowerInvariant(),
            "url" => Uri.EscapeDataString(options.Secret),
            "json" => System.Text.Json.JsonSerializer.Serialize(options.Secret)[1..^1],
            _ => options.Secret,
        };
        var message = secret is null ? options.Message : $"{options.Message} (token {secret})";
        return options.Mode switch
        {
            "unexpected" => throw new InvalidOperationException(message),
            "declined" => Task.FromResult(StageResult.Declined("TST0002", message)),
            "result" => Task.FromResult(StageResult.Failed("TST0003", message)),
            "uncoded" => Task.FromResult(StageResult.Failed(null!, message)),
            _ => throw new StageException("TST0001", message) { ExitCode = options.ExitCode },
        };
    }
}
