using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>
/// Keeps standard output for the command's own result. At start-up the process's real standard output is set aside
/// for the CLI, and file descriptor 1 is pointed at standard error, so that anything else that prints "to the
/// console" — a plugin's Console.Out, the OpenTelemetry console exporter, a native library's printf — lands on
/// standard error. With <c>--json</c>, standard output then holds exactly one JSON document.
/// </summary>
internal static partial class StandardStreams
{
    /// <summary>A writer on the real standard output, and whether the swap happened (Linux; elsewhere nothing changes).</summary>
    public static (TextWriter Output, bool Swapped) SetAsideStandardOutput()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (Console.Out, false);
        }

        try
        {
            Console.Out.Flush();
            var saved = Dup(1);
            if (saved < 0 || Dup2(2, 1) < 0)
            {
                return (Console.Out, false);
            }

            var stream = new FileStream(new SafeFileHandle(saved, ownsHandle: true), FileAccess.Write, 1);
            var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
            Console.SetOut(new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true });
            return (writer, true);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or IOException)
        {
            return (Console.Out, false);
        }
    }

    /// <summary>
    /// A writer straight on file descriptor 2, not through System.Console: Console's writers take a lock on
    /// Console.Out, which a plugin printing to Console.Out holds while its line is turned into a log record; the
    /// logger writing through Console as well would deadlock against it.
    /// </summary>
    public static TextWriter StandardError()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Console.Error;
        }

        var stream = new FileStream(new SafeFileHandle(2, ownsHandle: false), FileAccess.Write, 1);
        return TextWriter.Synchronized(new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true });
    }

    /// <summary>
    /// With <c>--log-format json</c>: points file descriptor 1 (where native libraries print) at a pipe whose lines
    /// become log records, so that every line on standard error is JSON. Disposing puts descriptor 1 back on standard
    /// error and drains the pipe. Returns null where descriptors cannot be swapped.
    /// </summary>
    public static IDisposable? CaptureNativeOutput(Action<string> line)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var fds = new int[2];
            if (Pipe(fds) != 0)
            {
                return null;
            }

            Console.Out.Flush();
            if (Dup2(fds[1], 1) < 0)
            {
                Close(fds[0]);
                Close(fds[1]);
                return null;
            }

            Close(fds[1]);
            var reader = new StreamReader(new FileStream(new SafeFileHandle(fds[0], ownsHandle: true), FileAccess.Read, 1), Encoding.UTF8);
            var pump = new Thread(() =>
            {
                try
                {
                    while (reader.ReadLine() is { } text)
                    {
                        line(text);
                    }
                }
                catch (IOException)
                {
                }
            }) { IsBackground = true, Name = "native stdout" };
            pump.Start();
            return new Capture(pump, reader);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or IOException)
        {
            return null;
        }
    }

    private sealed class Capture(Thread pump, StreamReader reader) : IDisposable
    {
        public void Dispose()
        {
            // Descriptor 1 back on standard error closes the pipe's last writer: the pump reads to the end and stops.
            Dup2(2, 1);
            pump.Join(TimeSpan.FromSeconds(5));
            reader.Dispose();
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "pipe", SetLastError = true)]
    private static partial int Pipe([Out] int[] fds);

    [LibraryImport("libc.so.6", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc.so.6", EntryPoint = "dup", SetLastError = true)]
    private static partial int Dup(int fd);

    [LibraryImport("libc.so.6", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int oldFd, int newFd);
}
