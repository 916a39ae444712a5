using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Models;

/// <summary>The options every <c>*.predict</c> stage shares; a model family adds its <c>model</c> option.</summary>
public abstract class ModelPredictOptions
{
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

    /// <summary>The read of the rows to predict: these features, the data_type filter, with ids and eras.</summary>
    /// <param name="features">The model's features, in order.</param>
    /// <returns>The spec.</returns>
    public ReadSpec PredictionSpec(IReadOnlyList<string> features) => new()
    {
        Features = features,
        DataType = OptionText.NullIfBlank(DataType),
        IncludeIds = true,
    };
}
