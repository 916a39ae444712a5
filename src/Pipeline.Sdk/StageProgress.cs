namespace NumeraiPipeline.Sdk;

/// <summary>A progress report of a stage.</summary>
/// <param name="Message">What is happening, e.g. <c>downloading train.parquet</c>.</param>
/// <param name="Current">Units done.</param>
/// <param name="Total">Units in all, or null when unknown.</param>
/// <param name="Unit">The unit: <c>bytes</c>, <c>iterations</c>, <c>rows</c>.</param>
public sealed record StageProgress(string Message, double Current, double? Total, string Unit);
