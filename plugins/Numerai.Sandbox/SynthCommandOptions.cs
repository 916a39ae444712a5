using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NumeraiPipeline.Plugins.Numerai.Sandbox;

/// <summary>Options of <c>numerai-pipeline synth</c>.</summary>
public sealed class SynthCommandOptions
{
    /// <summary>The output folder.</summary>
    [Description("Output folder (files go to OUT/VERSION/)")]
    [Required]
    public string Out { get; set; } = "";

    /// <summary>The dataset version (folder name).</summary>
    [Description("Dataset version (folder name)")]
    public string Version { get; set; } = "v5.2";

    /// <summary>Training rows in all.</summary>
    [Description("Training rows in all")]
    [Range(1, int.MaxValue)]
    public int Rows { get; set; } = 24_000;

    /// <summary>Number of features.</summary>
    [Description("Number of features")]
    [Range(1, 20_000)]
    public int Features { get; set; } = 60;

    /// <summary>Training eras.</summary>
    [Description("Training eras")]
    [Range(1, 9999)]
    public int Eras { get; set; } = 120;

    /// <summary>The random seed.</summary>
    [Description("Random seed (same seed, same files)")]
    [Range(0, int.MaxValue)]
    public int Seed { get; set; } = 42;
}
