namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>The scores of one era; NaN where a metric was not computed (input absent, or the era was skipped).</summary>
public sealed class EraScore
{
    /// <summary>The era.</summary>
    public required string Era { get; init; }

    /// <summary>Rows with a target.</summary>
    public int LabelledRows { get; set; }

    /// <summary>Rows scored (with a target and a prediction).</summary>
    public int ScoredRows { get; set; }

    /// <summary>numerai_corr.</summary>
    public double Corr { get; set; } = double.NaN;

    /// <summary>correlation_contribution against the meta model.</summary>
    public double Mmc { get; set; } = double.NaN;

    /// <summary>numerai_corr of the predictions with the meta model as the target.</summary>
    public double CorrWithMetaModel { get; set; } = double.NaN;

    /// <summary>correlation_contribution against the benchmark.</summary>
    public double Bmc { get; set; } = double.NaN;

    /// <summary>numerai_corr of the predictions with the benchmark as the target.</summary>
    public double CorrWithBenchmark { get; set; } = double.NaN;

    /// <summary>feature_neutral_corr.</summary>
    public double Fnc { get; set; } = double.NaN;

    /// <summary>max |Pearson(feature, prediction)|.</summary>
    public double MaxFeatureExposure { get; set; } = double.NaN;

    /// <summary>The feature with the largest exposure.</summary>
    public string? MaxExposureFeature { get; set; }
}
