using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Neutralize;

/// <summary>
/// The codes numerai.neutralize adds (NP623x; see plugins/Numerai.Metrics/README.md). Unreadable files and missing
/// columns are the plugin's NP6201 and NP6202.
/// </summary>
[ErrorCatalogue("numerai.neutralize")]
internal static class NeutralizeErrors
{
    /// <summary>Predictions for ids the data file does not have.</summary>
    public static readonly ErrorCode IdsNotInData = new(
        "NP6230",
        "Prediction ids not in the data",
        "{0} of the {1} prediction ids are not in the data file '{2}' (e.g. {3}), so their features are unknown. Neutralize predictions against the data they were made for (validation.parquet for validation predictions, live.parquet for live ones).",
        "Pass the data file the predictions were made for.");

    /// <summary>An era's rows are split by other eras.</summary>
    public static readonly ErrorCode ErasNotContiguous = new(
        "NP6231",
        "Era rows not together",
        "data file '{0}': era '{1}' appears again at row {2}, after rows of other eras. The stage reads one era at a time and needs each era's rows together: sort the file by era (Numerai's files are).",
        "Sort the data file by era.");

    /// <summary>An id twice in the predictions or in the data.</summary>
    public static readonly ErrorCode DuplicateId = new(
        "NP6232",
        "Duplicate id",
        "id '{0}' appears more than once in the {1} file '{2}'. Give each id one row (Numerai keeps the first of duplicates).",
        "Remove the duplicate rows.");

    /// <summary>A feature value the integer fit cannot take.</summary>
    public static readonly ErrorCode BadFeatureValue = new(
        "NP6233",
        "Feature value missing or too large",
        "data file '{0}': feature '{1}' is {2} in era '{3}'. Neutralization needs every feature value as a small integer (0..127, as Numerai's 0..4): fill missing features (Numerai uses 2) or neutralize against other columns.",
        "Fill missing features or choose other columns.");
}
