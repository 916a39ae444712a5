using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>Options of <c>lightgbm.predict</c>.</summary>
public sealed class PredictOptions
{
    /// <summary>The model (model.txt of lightgbm.train, or any LightGBM text model with feature names).</summary>
    [Required]
    [Description("The model: model.txt of lightgbm.train (or any LightGBM text model whose feature names are the data's columns).")]
    public ArtifactRef? Model { get; set; }

    /// <summary>The rows to predict (live or validation parquet).</summary>
    [Required]
    [Description("The rows to predict: a Numerai parquet file (live or validation).")]
    public ArtifactRef? Data { get; set; }

    /// <summary>Rank the predictions into (0, 1] per era (pandas rank(pct=True)).</summary>
    [Description("Rank the predictions into (0, 1] within each era, like pandas rank(pct=True); live data is one era.")]
    public bool Rank { get; set; }

    /// <summary>Keep only rows with this data_type.</summary>
    [Description("Keep only rows whose data_type equals this (e.g. 'validation'); all rows when empty.")]
    public string? DataType { get; set; }

    /// <summary>Threads (0 = all cores).</summary>
    [Range(0, 1024)]
    [Description("LightGBM threads for prediction; 0 = all cores.")]
    public int NumThreads { get; set; }
}
