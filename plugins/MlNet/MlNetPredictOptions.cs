using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>Options of <c>mlnet.predict</c>.</summary>
public sealed class MlNetPredictOptions
{
    /// <summary>The model zip of mlnet.train.</summary>
    [Required]
    [Description("The model: model.zip of mlnet.train.")]
    public ArtifactRef? Model { get; set; }

    /// <summary>The rows to predict.</summary>
    [Required]
    [Description("The rows to predict: a Numerai parquet file (live or validation).")]
    public ArtifactRef? Data { get; set; }

    /// <summary>Rank the predictions into (0, 1] per era.</summary>
    [Description("Rank the predictions into (0, 1] within each era, like pandas rank(pct=True); live data is one era.")]
    public bool Rank { get; set; }

    /// <summary>Keep only rows with this data_type.</summary>
    [Description("Keep only rows whose data_type equals this (e.g. 'validation'); all rows when empty.")]
    public string? DataType { get; set; }
}
