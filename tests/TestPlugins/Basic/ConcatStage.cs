using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

public sealed class ConcatOptions
{
    [Required]
    [MinLength(1)]
    public List<ArtifactRef> Sources { get; set; } = [];
}

/// <summary>Joins several files in order (a fan-in: the outputs of every instance of a matrix stage).</summary>
[Stage("test.concat", Description = "Concatenates files in the order given")]
[StageOutput("joined", Description = "The files, one after the other")]
[StageOutput("count", Description = "How many files", Kind = OutputKind.Value)]
public sealed class ConcatStage : IStage<ConcatOptions>
{
    public async Task<StageResult> RunAsync(StageContext context, ConcatOptions options, CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        foreach (var source in options.Sources)
        {
            parts.Add(await File.ReadAllTextAsync(source.Path, cancellationToken));
        }

        await context.Outputs.WriteFileAsync("joined", "joined.txt", (path, ct) => File.WriteAllTextAsync(path, string.Concat(parts), ct), cancellationToken);
        context.Outputs.SetValue("count", parts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return StageResult.Succeeded();
    }
}
