namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>
/// The NP61xx codes of the lightgbm.* stages (listed in docs/errors.md). The conditions every model stage shares
/// (no feature list NP6103, no rows NP6106, a missing column NP6602) are Numerai.Models' and Numerai.Data's.
/// </summary>
internal static class ErrorCodes
{
    /// <summary>A LightGBM parameter is unknown, duplicated or has a value LightGBM rejects.</summary>
    public const string Parameter = "NP6104";

    /// <summary>LightGBM's native library failed.</summary>
    public const string Native = "NP6105";

    /// <summary>The model file (or its sidecar) cannot be read.</summary>
    public const string Model = "NP6107";

    /// <summary>A data file is not a readable Numerai parquet file.</summary>
    public const string DataFile = "NP6109";

    /// <summary>A required option is missing or invalid.</summary>
    public const string Input = "NP6110";

    /// <summary>The folds and embargo do not fit the data's eras (fewer eras than folds, a fold left with no training era, no era column).</summary>
    public const string CvLayout = "NP6111";

    /// <summary>lightgbm.cv's folds or embargo are out of range (folds &lt; 2, embargo &lt; 0); at plan time NP2002.</summary>
    public const string CvOptions = "NP6112";
}
