namespace NumeraiPipeline.Plugins.Numerai.Metrics.Neutralize;

/// <summary>What every era worker needs to know: the feature names (in the byte order), the proportion, ranking.</summary>
internal sealed record NeutralizeSettings(IReadOnlyList<string> FeatureNames, double Proportion, bool Rank, string DataName);
