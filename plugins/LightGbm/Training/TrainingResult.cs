using NumeraiPipeline.Plugins.LightGbm.Native;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>A trained booster and how the training went. Dispose to free the booster.</summary>
internal sealed record TrainingResult(Booster Booster, int Iterations, int KeptIterations, string? ValidMetric, double? BestValidScore, TimeSpan DatasetTime, TimeSpan TrainTime)
    : IDisposable
{
    /// <summary>True when the binned Dataset came from the cache (no parquet feature was read or binned).</summary>
    public bool DatasetFromCache { get; init; }

    public void Dispose() => Booster.Dispose();
}
