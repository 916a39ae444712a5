using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Numerai.Models;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>Options of <c>lightgbm.predict</c>: the shared prediction options plus the model and threads.</summary>
public sealed class PredictOptions : ModelPredictOptions
{
    /// <summary>The model (model.txt of lightgbm.train, or any LightGBM text model with feature names).</summary>
    [Required]
    [Description("The model: model.txt of lightgbm.train (or any LightGBM text model whose feature names are the data's columns).")]
    public ArtifactRef? Model { get; set; }

    /// <summary>Threads (0 = all cores).</summary>
    [Range(0, 1024)]
    [Description("LightGBM threads for prediction; 0 = all cores.")]
    public int NumThreads { get; set; }
}
