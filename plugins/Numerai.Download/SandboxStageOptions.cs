using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Numerai.Api;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>Options of <c>numerai.sandbox</c>.</summary>
public sealed class SandboxStageOptions : IValidatableObject
{
    /// <summary>Seed of the synthetic data.</summary>
    /// <value>Default 42.</value>
    [Description("Seed of the synthetic data (same seed and sizes → same files, cached between runs).")]
    public int Seed { get; set; } = 42;

    /// <summary>Training rows.</summary>
    /// <value>Default 20000.</value>
    [Description("Training rows of the synthetic data.")]
    [Range(100, 10_000_000)]
    public int Rows { get; set; } = 20_000;

    /// <summary>Features.</summary>
    /// <value>Default 60.</value>
    [Description("Feature columns of the synthetic data.")]
    [Range(3, 5000)]
    public int Features { get; set; } = 60;

    /// <summary>Training eras.</summary>
    /// <value>Default 100.</value>
    [Description("Training eras of the synthetic data.")]
    [Range(4, 2000)]
    public int Eras { get; set; } = 100;

    /// <summary>Dataset versions the sandbox lists (the last is the newest, 'latest').</summary>
    /// <value>Default v5.2.</value>
    [Description("Dataset versions the sandbox lists; the last is what 'latest' resolves to.")]
    [MinLength(1)]
    public List<string> Versions { get; set; } = ["v5.2"];

    /// <summary>The round state: <c>open</c>, <c>late</c>, <c>closed</c>, or <c>schedule</c> (daily rounds on the real clock).</summary>
    /// <value>Default <c>open</c>.</value>
    [Description("Round state: open, late, closed, or schedule (daily rounds: 1 h open, 2 h late window, then closed).")]
    public string Clock { get; set; } = "open";

    /// <summary>A folder of dataset files to serve instead of generating (<c>DIR/&lt;version&gt;/train.parquet</c>, e.g. from <c>numerai-pipeline synth</c>).</summary>
    /// <value>Default null (generate).</value>
    [Description("Serve this folder (DIR/<version>/train.parquet …, e.g. written by 'numerai-pipeline synth') instead of generating data.")]
    public string? DataDirectory { get; set; }

    /// <summary>Past rounds already submitted for every model (resolved or resolving on the sandbox clock), so numerai.performance has a live history.</summary>
    /// <value>Default 0.</value>
    [Description("Past rounds already submitted for every model of the demo account (the first model steady, the others decaying), resolved or resolving on the sandbox clock.")]
    [Range(0, 1000)]
    public int History { get; set; }

    /// <summary>How long the sandbox takes to compute diagnostics (numerai.diagnostics waits for them).</summary>
    /// <value>Default 1m.</value>
    [Description("How long the sandbox takes to compute uploaded diagnostics, e.g. 1m, 5s, 0.")]
    public string DiagnosticsDelay { get; set; } = "1m";

    /// <summary>The loopback port; 0 picks a free one.</summary>
    /// <value>Default 0.</value>
    [Description("Loopback port; 0 picks a free one.")]
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>Checked when the pipeline is planned: the diagnostics delay.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!DurationText.TryParse(DiagnosticsDelay, out _))
        {
            yield return new ValidationResult($"option 'diagnostics_delay': '{DiagnosticsDelay}' is not a duration. {DurationText.Forms}.{DurationText.Suggest(DiagnosticsDelay)}", [nameof(DiagnosticsDelay)]);
        }
    }
}
