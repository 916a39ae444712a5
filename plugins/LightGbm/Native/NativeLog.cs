using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>
/// Routes everything LightGBM's native library writes while a stage calls it into that stage's
/// <see cref="NativeLogSink"/>: log lines through LGBM_RegisterLogCallback (registered on the calling thread, as the
/// callback is thread-local in LightGBM), and what it prints to stdout/stderr regardless (Fatal lines, lines of threads
/// without the callback) through <see cref="NativeStdio"/>. Nothing native reaches the process's stdout or stderr, so
/// <c>--json</c> output stays one document and <c>--log-format json</c> stays one JSON object a line.
/// </summary>
internal static unsafe class NativeLog
{
    private static readonly AsyncLocal<NativeLogSink?> Current = new();

    [ThreadStatic]
    private static StringBuilder? pending;

    [ThreadStatic]
    private static int depth;

    /// <summary>Runs <paramref name="action"/> (synchronous LightGBM calls) with LightGBM's output going to <paramref name="sink"/>.</summary>
    public static T Run<T>(NativeLogSink sink, Func<T> action)
    {
        var previous = Current.Value;
        Current.Value = sink;
        if (depth++ == 0)
        {
            _ = NativeMethods.LGBM_RegisterLogCallback(&Callback);
        }

        NativeStdio.Begin(sink);
        try
        {
            return action();
        }
        finally
        {
            NativeStdio.End(sink);
            if (--depth == 0)
            {
                // Unregistered on the thread it was registered on (Run is synchronous): no native pointer into this
                // plugin outlives the call, so a hot-swapped plugin's load context can be unloaded.
                _ = NativeMethods.LGBM_RegisterLogCallback(null);
                FlushPending(sink);
            }

            Current.Value = previous;
        }
    }

    /// <inheritdoc cref="Run{T}(NativeLogSink, Func{T})"/>
    public static void Run(NativeLogSink sink, Action action) => Run(sink, () =>
    {
        action();
        return true;
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Callback(byte* message)
    {
        try
        {
            var text = Marshal.PtrToStringUTF8((nint)message) ?? string.Empty;
            var buffer = pending ??= new StringBuilder();
            buffer.Append(text);
            if (!text.Contains('\n', StringComparison.Ordinal))
            {
                return;
            }

            var lines = buffer.ToString().Split('\n');
            buffer.Clear().Append(lines[^1]);
            foreach (var line in lines[..^1])
            {
                Current.Value?.Write(line.TrimEnd('\r'));
            }
        }
        catch (Exception)
        {
            // An exception must never unwind into LightGBM's C++ frames; a lost log line is the lesser harm.
        }
    }

    private static void FlushPending(NativeLogSink sink)
    {
        if (pending is { Length: > 0 } rest)
        {
            sink.Write(rest.ToString());
            rest.Clear();
        }
    }
}
