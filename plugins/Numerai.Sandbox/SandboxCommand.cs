using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Sandbox;

/// <summary><c>numerai-pipeline sandbox</c>: the standalone sandbox; the logic is <see cref="SandboxLaunch"/> (src/Numerai.Sandbox).</summary>
[Command("sandbox", Description = "Start the local stand-in of the Numerai API on 127.0.0.1 with synthetic data; prints its URL; Ctrl+C stops it")]
public sealed class SandboxCommand : ICommand<SandboxCommandOptions>
{
    /// <inheritdoc />
    public Task<int> RunAsync(CommandContext context, SandboxCommandOptions options, CancellationToken cancellationToken)
    {
        var launch = new SandboxLaunch
        {
            Port = options.Port,
            Rows = options.Rows,
            Features = options.Features,
            Eras = options.Eras,
            Seed = options.Seed,
            DataDirectory = options.Data,
            Clock = options.Clock,
            Now = options.Now,
            Speed = options.Speed,
            History = options.History,
            FailGraphQl = options.FailGraphql,
            FailStatus = options.FailStatus,
            GraphQlDelay = TimeSpan.FromMilliseconds(options.GraphqlDelayMs),
            FailDownloads = options.FailDownloads,
            CutDownloads = options.CutDownloads,
            IgnoreRange = options.IgnoreRange,
            FailUploads = options.FailUploads,
        };
        return launch.RunAsync(context.Output, cancellationToken);
    }
}
