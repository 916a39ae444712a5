using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>Options of <c>ensemble</c>.</summary>
public sealed class EnsembleOptions
{
    /// <summary>Prediction files (parquet or CSV with id and prediction).</summary>
    [Required]
    [MinLength(1)]
    [Description("Prediction files to combine (parquet or CSV with id and a prediction column), e.g. outputs of lightgbm.predict and mlnet.predict.")]
    public List<ArtifactRef> Predictions { get; set; } = [];

    /// <summary>One weight per prediction file (default: equal weights).</summary>
    [Description("One non-negative weight per prediction file, in the same order; equal weights when empty.")]
    public List<double> Weights { get; set; } = [];

    /// <summary>The data the predictions are for (gives the ids, their order, and their eras).</summary>
    [Required]
    [Description("The Numerai parquet the predictions were made for: its ids (in order) and eras define the output rows and the per-era ranking.")]
    public ArtifactRef? Data { get; set; }

    /// <summary>Keep only rows with this data_type.</summary>
    [Description("Keep only rows of the data whose data_type equals this (e.g. 'validation'); all rows when empty.")]
    public string? DataType { get; set; }
}
