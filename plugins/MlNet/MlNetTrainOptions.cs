using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using NumeraiPipeline.Numerai.Models;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>Options of <c>mlnet.train</c>: the shared training options (as <c>lightgbm.train</c>) plus FastTree's parameters.</summary>
public sealed class MlNetTrainOptions : ModelTrainOptions
{
    /// <summary>FastTree parameters.</summary>
    [Description("FastTree parameters: number_of_trees (100), number_of_leaves (31), learning_rate (0.1), minimum_example_count_per_leaf (20), feature_fraction (1.0).")]
    public Dictionary<string, JsonElement> Params { get; set; } = [];

    /// <summary>Random seed.</summary>
    [Description("Seed of ML.NET and FastTree.")]
    public int Seed { get; set; } = 1;

    /// <summary>Threads (0 = ML.NET's default).</summary>
    [Range(0, 1024)]
    [Description("FastTree threads; 0 = ML.NET's default (all cores).")]
    public int NumThreads { get; set; }

    /// <summary>The names and ranges of <see cref="Params"/>, checked at plan time with the shared options.</summary>
    protected override IEnumerable<ValidationResult> ValidateFamily() =>
        FastTreeParameters.Problems(Params).Select(problem => new ValidationResult($"option 'params': {problem}", [nameof(Params)]));
}
