using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Numerai.Models;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>Options of <c>mlnet.predict</c>: the shared prediction options plus the model.</summary>
public sealed class MlNetPredictOptions : ModelPredictOptions
{
    /// <summary>The model zip of mlnet.train.</summary>
    [Required]
    [Description("The model: model.zip of mlnet.train.")]
    public ArtifactRef? Model { get; set; }
}
