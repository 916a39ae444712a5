using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Live;

/// <summary>Arguments and options of <c>numerai-pipeline numerai set-webhook MODEL URL</c>.</summary>
public sealed class SetWebhookOptions
{
    /// <summary>The model's name.</summary>
    [CommandArgument(0, Name = "MODEL")]
    [Required]
    [Description("The model's name")]
    public string Model { get; set; } = "";

    /// <summary>The trigger URL; null with <see cref="Clear"/>.</summary>
    [CommandArgument(1, Name = "URL")]
    [Description("The trigger URL (terraform output webhook_url); omit with --clear")]
    public string? Url { get; set; }

    /// <summary>The environment variable holding the trigger's shared secret.</summary>
    [Description("Add the trigger's shared secret from this environment variable (or NAME_FILE) as ?secret=; it is never printed")]
    public string? SecretEnv { get; set; }

    /// <summary>Remove the model's webhook.</summary>
    [Description("Remove the model's webhook")]
    public bool Clear { get; set; }

    /// <summary>The Numerai API endpoint.</summary>
    [Description("The Numerai API endpoint (default NUMERAI_API_URL, else Numerai)")]
    public string? ApiUrl { get; set; }
}
