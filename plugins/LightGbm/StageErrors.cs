using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.LightGbm.Data;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Plugins.LightGbm.Training;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>Turns the plugin's internal failures into <see cref="StageException"/>s with NP61xx codes.</summary>
internal static class StageErrors
{
    /// <summary>Runs <paramref name="action"/>, turning its failures into coded errors.</summary>
    /// <param name="action">The work.</param>
    /// <param name="file">The data file it works on, for messages.</param>
    /// <param name="clean">Cleans LightGBM's own text (build paths, secrets) before it goes into a message.</param>
    public static T Translate<T>(Func<T> action, string file, Func<string, string>? clean = null)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (Map(ex, file, clean ?? (t => NativeText.WithoutBuildPaths(t))) is { } mapped)
        {
            throw mapped;
        }
    }

    public static void Translate(Action action, string file, Func<string, string>? clean = null) => Translate(() =>
    {
        action();
        return true;
    }, file, clean);

    /// <summary>The feature list: the set from features.json, or every <c>feature_*</c> column of the data file.</summary>
    public static IReadOnlyList<string> LoadFeatures(string? featuresJson, string featureSet, string dataFile)
    {
        if (featuresJson is null)
        {
            using var file = NumeraiParquetReader.Open(dataFile);
            var all = file.Columns.Where(c => c.StartsWith("feature_", StringComparison.Ordinal)).ToArray();
            return all.Length > 0
                ? all
                : throw new StageException(ErrorCodes.FeatureSet, $"{Path.GetFileName(dataFile)} has no 'feature_*' columns. Give 'features' (features.json) and 'feature_set'.") { ExitCode = 2 };
        }

        // NP6601 (unreadable features.json) and NP6603 (unknown feature set, with the known sets) come from Numerai.Data.
        return FeatureMetadata.Load(featuresJson).Resolve(featureSet);
    }

    private static StageException? Map(Exception ex, string file, Func<string, string> clean) => ex switch
    {
        StageException => null,
        OperationCanceledException => null,
        MissingColumnsException s when s.IsTarget => new StageException(
            ErrorCodes.MissingTarget,
            $"{s.Message}. Set 'target' to a target column of the file (features.json lists them under \"targets\").",
            ex) { ExitCode = 2 },
        MissingColumnsException s => new StageException(
            ErrorCodes.MissingFeature,
            $"{s.Message} (schema drift: the feature set names columns this data file does not have). Download features.json and the data of the same dataset version, or choose another feature_set.",
            ex) { ExitCode = 2 },
        ParameterException p => new StageException(ErrorCodes.Parameter, $"params: {clean(p.Message)}") { ExitCode = 2 },
        LightGbmException l when LooksLikeParameter(l.NativeMessage) => new StageException(
            ErrorCodes.Parameter,
            $"LightGBM rejected the parameters: {clean(l.NativeMessage).TrimEnd(' ', '.', '\n')}. Fix the value in 'params'.",
            l.Cleaned(clean)) { ExitCode = 2 },
        LightGbmException l => new StageException(ErrorCodes.Native, $"LightGBM failed ({l.Function}) on {Path.GetFileName(file)}: {clean(l.NativeMessage).TrimEnd(' ', '.', '\n')}", l.Cleaned(clean)),
        IOException or UnauthorizedAccessException or InvalidDataException or Parquet.ParquetException => new StageException(
            ErrorCodes.DataFile,
            $"cannot read {Path.GetFileName(file)} as a Numerai parquet file: {ex.Message}. Check the path and that the file is complete.",
            ex),
        _ => null,
    };

    private static bool LooksLikeParameter(string message) =>
        message.Contains("param", StringComparison.OrdinalIgnoreCase)
        || message.Contains("should be", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Check failed", StringComparison.OrdinalIgnoreCase);
}
