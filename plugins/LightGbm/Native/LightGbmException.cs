using System.Runtime.ExceptionServices;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>A LightGBM C API call failed; the message is LightGBM's own (LGBM_GetLastError).</summary>
internal sealed class LightGbmException(string function, string nativeMessage)
    : Exception($"{function} failed: {nativeMessage}")
{
    public string Function { get; } = function;

    public string NativeMessage { get; } = nativeMessage;

    /// <summary>
    /// The same failure with LightGBM's text cleaned (build paths, secrets), keeping the stack trace: the one to put
    /// inside a user-facing error, whose inner exceptions a verbose run prints.
    /// </summary>
    public LightGbmException Cleaned(Func<string, string> clean)
    {
        var cleaned = new LightGbmException(Function, clean(NativeMessage));
        return StackTrace is { } trace ? (LightGbmException)ExceptionDispatchInfo.SetRemoteStackTrace(cleaned, trace) : cleaned;
    }
}
