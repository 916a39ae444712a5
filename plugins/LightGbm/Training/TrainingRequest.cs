namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>What to train on and how.</summary>
internal sealed record TrainingRequest(IRowSource Train, float[] Labels, LightGbmParameters Parameters)
{
    /// <summary>Optional validation rows for early stopping (same feature order as <see cref="Train"/>).</summary>
    public IRowSource? Valid { get; init; }

    public float[]? ValidLabels { get; init; }

    /// <summary>Stop when the first validation metric has not improved for this many iterations (0 = never).</summary>
    public int EarlyStoppingRounds { get; init; }

    /// <summary>Report progress every this many iterations.</summary>
    public int ProgressEvery { get; init; } = 50;

    /// <summary>Encoded column bytes a streamed source may hold open at once (its column-strip budget).</summary>
    public long StripBytes { get; init; } = DatasetBuilder.StripBytes;

    /// <summary>Whether column strips may be used at all.</summary>
    public StripPolicy Strips { get; init; } = StripPolicy.WhenExact;

    /// <summary>Where binned Datasets are kept between trainings, and this training's Dataset key; null: always build.</summary>
    public (DatasetCache Cache, string Key)? DatasetCache { get; init; }

    /// <summary>
    /// Release the source's kept rows as soon as the training Dataset is built (before it is saved to the cache and
    /// trained on) and return their memory: the stage reads the rows once, a benchmark that trains repeatedly does not.
    /// </summary>
    public bool ReleaseRowsAfterBuild { get; init; }

    /// <summary>Called after each phase ("dataset": the training and validation Datasets are built or loaded; "training"), e.g. to log memory.</summary>
    public Action<string>? PhaseDone { get; init; }

    /// <summary>Build the Dataset the plain way (whole float32 matrix, LGBM_DatasetCreateFromMat), for comparisons only.</summary>
    public bool WholeMatrix { get; init; }
}
