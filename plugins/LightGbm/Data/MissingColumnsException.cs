namespace NumeraiPipeline.Plugins.LightGbm.Data;

/// <summary>A column the pipeline, features.json or the model names is not in the data file (schema drift).</summary>
internal sealed class MissingColumnsException(string path, IReadOnlyList<string> missing, bool isTarget)
    : Exception($"{Path.GetFileName(path)} lacks {(isTarget ? "the target column" : missing.Count == 1 ? "the feature column" : $"{missing.Count} feature columns")} {string.Join(", ", missing.Take(10).Select(m => $"'{m}'"))}{(missing.Count > 10 ? $" and {missing.Count - 10} more" : string.Empty)}")
{
    public IReadOnlyList<string> Missing { get; } = missing;

    public bool IsTarget { get; } = isTarget;
}
