using Microsoft.Extensions.Logging;
using NumeraiPipeline.Plugins.LightGbm.Data;
using NumeraiPipeline.Plugins.LightGbm.Native;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>Where lightgbm.train keeps binned Datasets (<c>WORKSPACE/cache/lightgbm-datasets</c>) and the key of one training's Dataset.</summary>
internal static class DatasetCaching
{
    public static string Directory(string workspace) => Path.Combine(workspace, "cache", "lightgbm-datasets");

    public static (DatasetCache Cache, string Key) For(
        string workspace, string dataPath, string dataSha256, string target, int eraStride, string? dataType, IReadOnlyList<string> features, LightGbmParameters parameters, long maxBytes, ILogger logger, CancellationToken cancellationToken)
    {
        var kept = KeptRows.Sha256(dataPath, target, eraStride, dataType, cancellationToken);
        return (new DatasetCache(Directory(workspace), maxBytes, logger), DatasetKey.Compute(dataSha256, kept, features, parameters, Lgbm.Version));
    }
}
