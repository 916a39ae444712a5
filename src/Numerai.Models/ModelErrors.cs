using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Models;

/// <summary>
/// The codes every model stage shares (lightgbm.*, mlnet.*): the same condition is the same code in every model plugin.
/// A missing feature or target column is the data library's NP6602 (<see cref="ModelColumns"/> adds the model's context);
/// a missing required option is NP6110 (<see cref="OptionText.RequirePath"/>; mlnet's NP6121 is retired).
/// </summary>
[ErrorCatalogue("model stages (Numerai.Models)")]
public static class ModelErrors
{
    public static readonly ErrorCode NoFeatureList = new("NP6103", "No feature list", "{0}: no features.json given and {1} has no 'feature_*' columns. Set 'features' to the dataset's features.json and 'feature_set' to one of its sets.", "Give 'features' (features.json) and 'feature_set'.", ExitClass.InvalidInput);
    public static readonly ErrorCode MissingOption = new("NP6110", "Missing option", "{0}: option '{1}' is required. Set it to {2}.", "Set the option.", ExitClass.InvalidInput);
    public static readonly ErrorCode NoRows = new("NP6106", "No rows to train on", "{0}: no labelled rows left in {1} after era_stride={2}{3}. Check the file, the target '{4}' and the filters.", "Check data_type / era_stride and that the target has values.", ExitClass.Failure);
}
