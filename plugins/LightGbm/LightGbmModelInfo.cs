using NumeraiPipeline.Numerai.Models;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>
/// The JSON sidecar of a LightGBM model (output <c>model_info</c>, <c>model.json</c> beside <c>model.txt</c>): what
/// every model records plus LightGBM's version and the iterations. The model text itself is LightGBM's own format.
/// </summary>
internal sealed record LightGbmModelInfo : ModelInfo
{
    public const string CurrentFormat = "numerai-pipeline.lightgbm-model/1";

    public LightGbmModelInfo()
    {
        Format = CurrentFormat;
        ModelFamily = "lightgbm";
    }

    public string LightgbmVersion { get; init; } = Native.Lgbm.Version;

    public required int Iterations { get; init; }

    public int? BoostedIterations { get; init; }

    public string? ValidMetric { get; init; }

    public double? ValidScore { get; init; }

    public static LightGbmModelInfo FromJson(string json) => FromJson<LightGbmModelInfo>(json);
}
