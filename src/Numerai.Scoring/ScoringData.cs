namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>
/// Column data of the rows to score, all arrays of the same length (one entry a row). Missing values are NaN.
/// </summary>
public sealed class ScoringData
{
    /// <summary>The era name of each row (zero-padded, e.g. <c>0575</c>).</summary>
    public required string[] Eras { get; init; }

    /// <summary>The target of each row; NaN where the row has no label.</summary>
    public required double[] Target { get; init; }

    /// <summary>The prediction of each row; NaN where the model gave none.</summary>
    public required double[] Prediction { get; init; }

    /// <summary>The meta model's prediction of each row (for MMC), or null.</summary>
    public double[]? MetaModel { get; init; }

    /// <summary>The benchmark's prediction of each row (for BMC), or null.</summary>
    public double[]? Benchmark { get; init; }

    /// <summary>Features (FeatureNames.Count bytes a row, values 0..127), or null.</summary>
    public FeatureMatrix? Features { get; init; }

    /// <summary>The names of the feature columns in <see cref="Features"/>.</summary>
    public IReadOnlyList<string> FeatureNames { get; init; } = [];

    /// <summary>Rows.</summary>
    public int Rows => Target.Length;

    /// <summary>Checks that the columns agree in length.</summary>
    public void Validate()
    {
        var n = Rows;
        if (Eras.Length != n || Prediction.Length != n || (MetaModel is not null && MetaModel.Length != n)
            || (Benchmark is not null && Benchmark.Length != n))
        {
            throw new ArgumentException("the scoring columns differ in length");
        }

        if (Features is not null && (Features.Rows != n || Features.Columns != FeatureNames.Count))
        {
            throw new ArgumentException($"the feature matrix has {Features.Rows} rows × {Features.Columns} features, expected {n} × {FeatureNames.Count}");
        }
    }
}
