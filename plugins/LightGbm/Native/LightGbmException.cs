namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>A LightGBM C API call failed; the message is LightGBM's own (LGBM_GetLastError).</summary>
internal sealed class LightGbmException(string function, string nativeMessage)
    : Exception($"{function} failed: {nativeMessage}")
{
    public string Function { get; } = function;

    public string NativeMessage { get; } = nativeMessage;
}
