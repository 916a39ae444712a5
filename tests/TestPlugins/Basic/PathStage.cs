using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

public sealed class PathOptions
{
    public string Text { get; set; } = "report";
}

/// <summary>Writes a file and names it by its absolute path in a value output and a summary value (as numerai.report does).</summary>
[Stage("test.path", Description = "Writes a file and reports its absolute path as a value output and a summary value")]
[StageOutput("file", Description = "The file")]
[StageOutput("path", Kind = OutputKind.Value, Description = "The file's absolute path")]
public sealed class PathStage : IStage<PathOptions>
{
    public async Task<StageResult> RunAsync(StageContext context, PathOptions options, CancellationToken cancellationToken)
    {
        var written = await context.Outputs.WriteFileAsync("file", "report.html", (p, ct) => File.WriteAllTextAsync(p, options.Text, ct), cancellationToken);
        context.Outputs.SetValue("path", written);
        context.AddSummary("report", written);
        return StageResult.Succeeded();
    }
}
