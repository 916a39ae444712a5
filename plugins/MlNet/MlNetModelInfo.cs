using NumeraiPipeline.Numerai.Models;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>
/// What an mlnet.train model was trained on (output <c>model_info</c>, <c>model.json</c>); the same JSON is also stored
/// inside the model zip as <see cref="ZipEntryName"/> so mlnet.predict needs only the zip.
/// </summary>
internal sealed record MlNetModelInfo : ModelInfo
{
    public const string CurrentFormat = "numerai-pipeline.mlnet-model/1";

    public const string ZipEntryName = "numerai-pipeline/model.json";

    public MlNetModelInfo()
    {
        Format = CurrentFormat;
        ModelFamily = "mlnet.fasttree";
    }

    public static MlNetModelInfo FromJson(string json) => FromJson<MlNetModelInfo>(json);
}
