namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>What the engine computes and how.</summary>
public sealed record ScoringOptions
{
    /// <summary>Parallel era workers; 0 or less means one per core.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Whether to compute feature-neutral CORR (needs features; the costly part).</summary>
    public bool FeatureNeutralCorr { get; init; } = true;

    /// <summary>Whether to compute the max feature exposure (needs features).</summary>
    public bool FeatureExposure { get; init; } = true;

    /// <summary>The alignment rule: kept rows / rows of each side must be at least this.</summary>
    public double MinAlignedRatio { get; init; } = 0.8;
}
