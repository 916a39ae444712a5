namespace NumeraiPipeline.Plugins.Numerai.Metrics.Input;

/// <summary>Columns read from a file: the ids, optionally eras, numeric columns by name, and row-major byte features.</summary>
internal sealed class ColumnTable
{
    /// <summary>The id of each row.</summary>
    public required string[] Ids { get; init; }

    /// <summary>The era of each row, when read.</summary>
    public string[]? Eras { get; init; }

    /// <summary>Numeric columns (NaN = missing).</summary>
    public Dictionary<string, double[]> Numbers { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Row-major features, when read.</summary>
    public NumeraiPipeline.Numerai.Scoring.FeatureMatrix? Features { get; init; }

    /// <summary>Feature names, in the order of <see cref="Features"/>.</summary>
    public IReadOnlyList<string> FeatureNames { get; init; } = [];

    /// <summary>Rows.</summary>
    public int Rows => Ids.Length;
}
