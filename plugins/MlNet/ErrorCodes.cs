namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>
/// The NP61xx codes of the mlnet.* and ensemble stages (NP612x mlnet, NP613x ensemble). The conditions every model
/// stage shares (no feature list NP6103, no rows NP6106, a missing column NP6602) are Numerai.Models' and Numerai.Data's.
/// </summary>
internal static class ErrorCodes
{
    /// <summary>A required option is missing or invalid.</summary>
    public const string Input = "NP6121";

    /// <summary>A FastTree parameter is unknown or has an invalid value.</summary>
    public const string Parameter = "NP6122";

    /// <summary>The model file is not an ML.NET model written by mlnet.train.</summary>
    public const string Model = "NP6124";

    /// <summary>ML.NET failed while training or predicting.</summary>
    public const string MlNet = "NP6125";

    /// <summary>Ensemble inputs are inconsistent (weights, lengths).</summary>
    public const string EnsembleInput = "NP6131";

    /// <summary>A prediction file lacks ids of the data file.</summary>
    public const string EnsembleMissingIds = "NP6132";
}
