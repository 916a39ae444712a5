using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Options of <c>notify.console</c>.</summary>
public sealed class ConsoleOptions
{
    /// <summary>The format: <c>text</c> (readable lines) or <c>json</c> (the body <c>notify.webhook</c> sends).</summary>
    /// <value>Default <c>text</c>.</value>
    [RegularExpression("^(text|json)$", ErrorMessage = "format must be 'text' or 'json'")]
    [Description("text (readable lines) or json (the notify.webhook body)")]
    public string Format { get; set; } = "text";
}
