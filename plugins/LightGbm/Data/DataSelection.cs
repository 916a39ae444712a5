namespace NumeraiPipeline.Plugins.LightGbm.Data;

/// <summary>Which rows and columns of a Numerai parquet file to read.</summary>
/// <param name="Features">Feature columns, in this order.</param>
/// <param name="Target">The target column, or null (prediction).</param>
/// <param name="EraStride">Keep every k-th era (in era order, starting with the first), as Numerai's examples subsample.</param>
/// <param name="DataType">Keep only rows whose <c>data_type</c> equals this, or null for all rows.</param>
/// <param name="DropUnlabelled">Drop rows whose target is NaN (training).</param>
/// <param name="ReadIds">Keep the ids and eras of the kept rows (prediction).</param>
internal sealed record DataSelection(IReadOnlyList<string> Features, string? Target, int EraStride = 1, string? DataType = null, bool DropUnlabelled = false, bool ReadIds = false);
