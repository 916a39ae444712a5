using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

public sealed class CopyOptions
{
    [Required]
    public ArtifactRef? Source { get; set; }

    /// <summary>Uppercase the content (so the output changes with this option).</summary>
    public bool Upper { get; set; }

    /// <summary>Keep only the first line (so different inputs can give identical outputs).</summary>
    public bool FirstLine { get; set; }
}

[Stage("test.copy", Description = "Copies a file, optionally transformed")]
[StageOutput("copy", Description = "The copy")]
public sealed class CopyStage : IStage<CopyOptions>
{
    public async Task<StageResult> RunAsync(StageContext context, CopyOptions options, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(options.Source!.Path, cancellationToken);
        if (options.FirstLine)
        {
            text = text.Split('\n')[0] + "\n";
        }

        if (options.Upper)
        {
            text = text.ToUpperInvariant();
        }

        await context.Outputs.WriteStreamAsync("copy", "copy.txt", async (stream, ct) =>
        {
            await using var writer = new StreamWriter(stream, leaveOpen: true);
            await writer.WriteAsync(text.AsMemory(), ct);
        }, cancellationToken);
        return StageResult.Succeeded();
    }
}
