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
        ParameterException p => LightGbmErrors.Parameter.Exception(clean(p.Message)),
        LightGbmException l when LooksLikeParameter(l.NativeMessage) => LightGbmErrors.Parameter.ExceptionFrom(
            l.Cleaned(clean),
            $"LightGBM rejected them: {clean(l.NativeMessage).TrimEnd(' ', '.', '\n')}."),
        LightGbmException l => LightGbmErrors.Native.ExceptionFrom(l.Cleaned(clean), l.Function, Path.GetFileName(file), clean(l.NativeMessage).TrimEnd(' ', '.', '\n')),
        IOException or UnauthorizedAccessException or InvalidDataException or Parquet.ParquetException =>
            LightGbmErrors.DataFile.ExceptionFrom(ex, Path.GetFileName(file), ex.Message.TrimEnd('.')),
        _ => null,
    };

    private static bool LooksLikeParameter(string message) =>
        message.Contains("param", StringComparison.OrdinalIgnoreCase)
        || message.Contains("should be", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Check failed", StringComparison.OrdinalIgnoreCase);
}
