using System.Text.Json;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

public sealed class ReportOptions
{
    /// <summary>Where to write the run snapshot as JSON (outside the workspace, for the test to read).</summary>
    public string Path { get; set; } = "";
}

/// <summary>A notifier for host tests: writes what it sees of the run (every finished stage) to a JSON file.</summary>
[Stage("test.report", Description = "Writes the run snapshot (stages, outcomes, codes, messages, outputs, summaries) to a JSON file")]
public sealed class ReportStage : IStage<ReportOptions>
{
    public async Task<StageResult> RunAsync(StageContext context, ReportOptions options, CancellationToken cancellationToken)
    {
        var run = context.Run;
        var stages = run.Stages.Select(s => new { id = s.StageId, type = s.StageType, outcome = s.Outcome.ToString(), code = s.Code, message = s.Message, outputs = s.Outputs, summary = s.Summary });
        await File.WriteAllTextAsync(options.Path, JsonSerializer.Serialize(new { pipeline = run.PipelineName, any_failed = run.AnyFailed, stages }), cancellationToken);
        return StageResult.Succeeded();
    }
}
