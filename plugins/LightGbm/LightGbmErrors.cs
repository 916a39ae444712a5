using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>
/// The NP610x/NP611x codes of the lightgbm.* stages; docs/errors.md is generated from this catalogue. The conditions
/// every model stage shares (no feature list NP6103, no rows NP6106, a missing option NP6110, a missing column NP6602)
/// are Numerai.Models' and Numerai.Data's.
/// </summary>
[ErrorCatalogue("lightgbm.train, lightgbm.predict, lightgbm.cv")]
internal static class LightGbmErrors
{
    /// <summary>A LightGBM parameter is unknown, duplicated or has a value LightGBM rejects ({0}: what is wrong, a sentence).</summary>
    public static readonly ErrorCode Parameter = new(
        "NP6104",
        "Bad LightGBM parameter",
        "params: {0} Fix the value in 'params'.",
        "Use LightGBM's names or aliases with values LightGBM accepts (at plan time the same check is NP2002).",
        ExitClass.InvalidInput);

    /// <summary>LightGBM's native library failed otherwise.</summary>
    public static readonly ErrorCode Native = new(
        "NP6105",
        "LightGBM failed",
        "LightGBM failed ({0}) on {1}: {2}. Check 'params' and the data file.",
        "Check the parameters and the data (LightGBM's text says what it found).");

    /// <summary>The model file cannot be loaded.</summary>
    public static readonly ErrorCode Model = new(
        "NP6107",
        "Not a LightGBM model",
        "cannot load the LightGBM model {0}: {1}. Point 'model' at model.txt of lightgbm.train.",
        "Point 'model' at lightgbm.train's 'model' output.");

    /// <summary>
    /// A file could not be read or written while working on a data file ({0}): the data library reports an unreadable
    /// parquet as NP6601, so this is what else fails (the Dataset cache is best-effort: its failures are warnings).
    /// </summary>
    public static readonly ErrorCode DataFile = new(
        "NP6109",
        "File unreadable or unwritable",
        "cannot read or write a file while working on {0}: {1}. Check that the data file is complete (download it again if it was cut short) and that the workspace is writable.",
        "Check the data file and that the workspace (its cache/ folder) is writable.");

    /// <summary>The folds and embargo do not fit the data's eras (fewer eras than folds, a fold left with no training era, no era column).</summary>
    public static readonly ErrorCode CvLayout = new(
        "NP6111",
        "Folds do not fit the eras",
        "lightgbm.cv: the folds do not fit the eras of {0} ({1} labelled rows): {2}.",
        "Lower 'folds' or 'embargo', or cross-validate more eras (a Numerai file with its 'era' column).");

    /// <summary>lightgbm.cv's folds or embargo are out of range; {0} is the plan-time check's own text (NP2002 there).</summary>
    public static readonly ErrorCode CvOptions = new(
        "NP6112",
        "Bad folds or embargo",
        "lightgbm.cv: {0}.",
        "Set folds >= 2 and embargo >= 0 (at plan time the same check is NP2002).",
        ExitClass.InvalidInput);
}
