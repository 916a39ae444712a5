namespace NumeraiPipeline.Plugins.LightGbm.CrossValidation;

/// <summary>The folds and embargo do not fit the data's eras (too few eras, or a fold left with nothing to train on).</summary>
internal sealed class FoldLayoutException(string message) : Exception(message);
