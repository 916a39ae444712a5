using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

public sealed class SabotageOptions
{
    /// <summary>A folder store to make go away (replaced by a file, so even root cannot write into it).</summary>
    public string Path { get; set; } = "";
}

/// <summary>Makes a folder store go away in the middle of a run (the stage's own push is the first to hit it).</summary>
[Stage("test.sabotage", Description = "Replaces a folder (a folder store) by a file, mid-run")]
[StageOutput("note", Description = "A file the stage writes")]
public sealed class SabotageStage : IStage<SabotageOptions>
{
    public async Task<StageResult> RunAsync(StageContext context, SabotageOptions options, CancellationToken cancellationToken)
    {
        Directory.Delete(options.Path, recursive: true);
        await File.WriteAllTextAsync(options.Path, "the store went away", cancellationToken);
        await context.Outputs.WriteFileAsync("note", "note.txt", (p, ct) => File.WriteAllTextAsync(p, "sabotaged", ct), cancellationToken);
        return StageResult.Succeeded();
    }
}
