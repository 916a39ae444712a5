using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

public sealed class EchoOptions : IValidatableObject
{
    [Required]
    [Description("Text to write")]
    public string Message { get; set; } = "";

    [Range(1, 100)]
    [Description("How many times")]
    public int Count { get; set; } = 1;

    [Description("A file whose content is appended")]
    public ArtifactRef? Input { get; set; }

    [Description("Milliseconds to wait (honours cancellation)")]
    public int DelayMs { get; set; }

    [Description("A file to create when the stage starts (tests kill the process after it appears)")]
    public string? Marker { get; set; }

    [Description("Extra values")]
    public Dictionary<string, System.Text.Json.JsonElement> Params { get; set; } = [];

    public List<string> Tags { get; set; } = [];

    [Description("Files that must all exist before the stage finishes (a barrier between parallel stages)")]
    public List<string> AwaitFiles { get; set; } = [];

    [Description("How long to wait for await_files before failing")]
    public int AwaitTimeoutMs { get; set; } = 10000;

    /// <summary>Like many plugins, echoes a piece of a bad value: a tag 'name=value' is refused, naming its value.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var tag in Tags.Where(t => t.Contains('=', StringComparison.Ordinal)))
        {
            var parts = tag.Split('=', 2);
            yield return new ValidationResult($"tag '{parts[0]}' has the value '{parts[1].ToUpperInvariant()}', and tags take no values", [nameof(Tags)]);
        }
    }
}

[Stage("test.echo", Description = "Writes a message (and an input file's content) to a text file")]
[StageOutput("text", Description = "The text file")]
[StageOutput("length", Description = "Characters written", Kind = OutputKind.Value)]
public sealed class EchoStage : IStage<EchoOptions>
{
    public async Task<StageResult> RunAsync(StageContext context, EchoOptions options, CancellationToken cancellationToken)
    {
        if (options.Marker is not null)
        {
            await File.WriteAllTextAsync(options.Marker, context.RunId, cancellationToken);
        }

        var waited = 0;
        while (options.AwaitFiles.Any(f => !File.Exists(f)))
        {
            if (waited >= options.AwaitTimeoutMs)
            {
                throw new StageException("TST0004", $"waited {waited} ms for {string.Join(", ", options.AwaitFiles.Where(f => !File.Exists(f)))}");
            }

            await Task.Delay(20, cancellationToken);
            waited += 20;
        }

        using (var activity = context.ActivitySource.StartActivity("echo"))
        {
            activity?.SetTag("echo.message", options.Message);
            context.Logger.LogInformation("Echo {Message}", options.Message);
            if (options.DelayMs > 0)
            {
                await Task.Delay(options.DelayMs, cancellationToken);
            }
        }

        var text = string.Concat(Enumerable.Repeat(options.Message + "\n", options.Count));
        if (options.Input is not null)
        {
            text += await File.ReadAllTextAsync(options.Input.Path, cancellationToken);
        }

        await context.Outputs.WriteFileAsync("text", "text.txt", (path, ct) => File.WriteAllTextAsync(path, text, ct), cancellationToken);
        context.Outputs.SetValue("length", text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.AddSummary("length", text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.Progress.Report(new StageProgress("echo", 1, 1, "items"));
        return StageResult.Succeeded();
    }
}
