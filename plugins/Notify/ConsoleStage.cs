using System.Text.Json;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Prints the run's summary to standard output.</summary>
[Stage("notify.console", Description = "Print the run's summary (stages, metrics, round, causes) to the console")]
public sealed class ConsoleStage : IStage<ConsoleOptions>
{
    private readonly TextWriter? writer;

    /// <summary>Creates the stage writing to <see cref="Console.Out"/>.</summary>
    public ConsoleStage()
    {
    }

    /// <summary>Creates the stage writing to <paramref name="writer"/> (tests).</summary>
    internal ConsoleStage(TextWriter writer) => this.writer = writer;

    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, ConsoleOptions options, CancellationToken cancellationToken)
    {
        var report = RunReport.From(context.Run);
        var text = options.Format == "json"
            ? WebhookPayload.Build(report, context.RunId).ToJsonString(new JsonSerializerOptions { WriteIndented = true })
            : report.ToText();
        var output = writer ?? Console.Out;
        await output.WriteLineAsync(context.Secrets.Redact(text).AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
        return StageResult.Succeeded();
    }
}
