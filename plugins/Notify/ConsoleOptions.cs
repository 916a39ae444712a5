using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Options of <c>notify.console</c>.</summary>
public sealed class ConsoleOptions : IValidatableObject
{
    /// <summary>The format: <c>text</c> (readable lines) or <c>json</c> (the body <c>notify.webhook</c> sends).</summary>
    /// <value>Default <c>text</c>.</value>
    [Description("text (readable lines) or json (the notify.webhook body)")]
    public string Format { get; set; } = "text";

    /// <summary>Checked when the pipeline is planned.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Choice.Problem("format", Format, ["text", "json"]) is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(Format)]);
        }
    }
}
