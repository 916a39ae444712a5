using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Plugins.LightGbm.Training;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>
/// Turns the plugin's internal failures (parameters, LightGBM's native library, unreadable files) into
/// <see cref="StageException"/>s with NP61xx codes; coded errors (NP66xx of the data library, NP61xx of Numerai.Models) pass through.
/// </summary>
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

    private static StageException? Map(Exception ex, string file, Func<string, string> clean) => ex switch
    {
        StageException => null,
        OperationCanceledException => null,
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
