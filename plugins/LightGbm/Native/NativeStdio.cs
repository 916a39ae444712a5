using System.Runtime.InteropServices;
using System.Text;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>
/// Captures what native code prints through C stdio (<c>printf</c>, <c>fprintf(stderr, ...)</c>) while LightGBM is
/// being called: LightGBM prints every Fatal error to stderr before it throws, and a log line of a thread without the
/// log callback to stdout. glibc's <c>stdout</c> and <c>stderr</c> are ordinary variables ("you can set them just like
/// any others", glibc manual 12.2), so during the calls they point at an unbuffered stream on a pipe whose lines a
/// reader thread hands to the active <see cref="NativeLogSink"/>. .NET's own Console writes to the file descriptors
/// directly and is not affected. Elsewhere than glibc (Windows, macOS, musl) this is a no-op.
/// </summary>
internal static unsafe partial class NativeStdio
{
    private const string SyncLine = "\u0001numerai-pipeline-sync";
    private const string StopLine = "\u0001numerai-pipeline-stop";
    private const int UnbufferedMode = 2; // _IONBF

    private static readonly object Gate = new();
    private static readonly List<NativeLogSink> Sinks = [];
    private static readonly bool Available = Locate(out StdoutVariable, out StderrVariable);
    private static readonly nint* StdoutVariable;
    private static readonly nint* StderrVariable;
    private static nint savedStdout;
    private static nint savedStderr;
    private static nint pipeStream;
    private static int readEnd = -1;
    private static int writeEnd = -1;
    private static Thread? reader;
    private static SemaphoreSlim? synced;
    private static volatile NativeLogSink? target;

    /// <summary>Starts capturing for <paramref name="sink"/> (nested and concurrent callers are counted).</summary>
    public static void Begin(NativeLogSink sink)
    {
        if (!Available)
        {
            return;
        }

        lock (Gate)
        {
            Sinks.Add(sink);
            target = sink;
            if (Sinks.Count > 1)
            {
                return;
            }

            if (pipeStream == 0 && !OpenPipe())
            {
                return;
            }

            synced = new SemaphoreSlim(0);
            reader = new Thread(ReadLines) { IsBackground = true, Name = "LightGBM stdio" };
            reader.Start();
            savedStdout = *StdoutVariable;
            savedStderr = *StderrVariable;
            *StdoutVariable = pipeStream;
            *StderrVariable = pipeStream;
        }
    }

    /// <summary>Stops capturing for <paramref name="sink"/> once every line printed so far has been delivered.</summary>
    public static void End(NativeLogSink sink)
    {
        if (!Available)
        {
            return;
        }

        lock (Gate)
        {
            if (reader is not null)
            {
                // The pipe is first in, first out: when the reader has seen this line, it has delivered all before it.
                Send(SyncLine);
                synced!.Wait(TimeSpan.FromSeconds(10));
            }

            Sinks.Remove(sink);
            target = Sinks.Count > 0 ? Sinks[^1] : null;
            if (Sinks.Count > 0 || reader is null)
            {
                return;
            }

            *StdoutVariable = savedStdout;
            *StderrVariable = savedStderr;

            // The stream and the pipe stay open for the life of the process: a native thread that read the variable
            // just before it was restored may still write to them. The reader ends, so nothing keeps this plugin alive.
            Send(StopLine);
            reader.Join(TimeSpan.FromSeconds(10));
            reader = null;
        }
    }

    private static void ReadLines()
    {
        var buffer = new byte[8192];
        var line = new List<byte>();
        while (true)
        {
            nint n;
            fixed (byte* b = buffer)
            {
                n = read(readEnd, b, (nuint)buffer.Length);
            }

            if (n <= 0)
            {
                if (n < 0 && Marshal.GetLastPInvokeError() == 4)
                {
                    continue; // EINTR
                }

                return;
            }

            for (var i = 0; i < n; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    line.Add(buffer[i]);
                    continue;
                }

                var text = Encoding.UTF8.GetString(line.ToArray()).TrimEnd('\r');
                line.Clear();
                if (text == SyncLine)
                {
                    synced?.Release();
                }
                else if (text == StopLine)
                {
                    return;
                }
                else
                {
                    Deliver(text);
                }
            }
        }
    }

    private static void Deliver(string text)
    {
        try
        {
            target?.Write(text, fromStandardStreams: true);
        }
        catch (Exception)
        {
            // A logger failure must not end the reader: LightGBM would block on a full pipe.
        }
    }

    private static void Send(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        fixed (byte* b = bytes)
        {
            _ = write(writeEnd, b, (nuint)bytes.Length);
        }
    }

    private static bool OpenPipe()
    {
        var fds = stackalloc int[2];
        if (pipe(fds) != 0)
        {
            return false;
        }

        var stream = fdopen(fds[1], "w");
        if (stream == 0)
        {
            return false;
        }

        _ = setvbuf(stream, 0, UnbufferedMode, 0);
        (readEnd, writeEnd, pipeStream) = (fds[0], fds[1], stream);
        return true;
    }

    private static bool Locate(out nint* stdoutVariable, out nint* stderrVariable)
    {
        stdoutVariable = null;
        stderrVariable = null;
        if (!OperatingSystem.IsLinux()
            || !NativeLibrary.TryLoad("libc.so.6", out var libc)
            || !NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _))
        {
            return false;
        }

        // dlsym(RTLD_DEFAULT, ...) finds the copy every module uses (the executable's, when it has a copy relocation).
        if (!NativeLibrary.TryGetExport(libc, "dlsym", out var dlsym)
            && !(NativeLibrary.TryLoad("libdl.so.2", out var libdl) && NativeLibrary.TryGetExport(libdl, "dlsym", out dlsym)))
        {
            return false;
        }

        var lookup = (delegate* unmanaged<nint, byte*, nint>)dlsym;
        fixed (byte* o = "stdout\0"u8)
        fixed (byte* e = "stderr\0"u8)
        {
            stdoutVariable = (nint*)lookup(0, o);
            stderrVariable = (nint*)lookup(0, e);
        }

        return stdoutVariable != null && stderrVariable != null;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int pipe(int* fds);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint fdopen(int fd, string mode);

    [LibraryImport("libc")]
    private static partial int setvbuf(nint stream, nint buffer, int mode, nuint size);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint write(int fd, byte* buffer, nuint count);
}
