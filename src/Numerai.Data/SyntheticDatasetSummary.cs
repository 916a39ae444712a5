namespace NumeraiPipeline.Numerai.Data;

/// <summary>What <see cref="SyntheticDataset.WriteAsync"/> wrote.</summary>
public sealed class SyntheticDatasetSummary
{
    /// <summary>Creates a summary.</summary>
    public SyntheticDatasetSummary(string directory, IReadOnlyList<string> files, long trainRows, long validationRows, long liveRows, int featureCount)
    {
        Directory = directory;
        Files = files;
        TrainRows = trainRows;
        ValidationRows = validationRows;
        LiveRows = liveRows;
        FeatureCount = featureCount;
    }

    /// <summary>The version folder (<c>outputDirectory/&lt;version&gt;</c>).</summary>
    public string Directory { get; }

    /// <summary>File names written in <see cref="Directory"/>.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Rows of train.parquet.</summary>
    public long TrainRows { get; }

    /// <summary>Rows of validation.parquet.</summary>
    public long ValidationRows { get; }

    /// <summary>Rows of live.parquet.</summary>
    public long LiveRows { get; }

    /// <summary>Feature columns.</summary>
    public int FeatureCount { get; }
}
