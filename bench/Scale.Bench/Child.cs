using System.Diagnostics;
using System.Text;

namespace NumeraiPipeline.Scale.Bench;

/// <summary>Runs a process to its end, keeping its output and polling its peak RSS (each measurement has a process of its own).</summary>
internal static class Child
{
    public static (int ExitCode, string Output, string Error, double PeakMiB, double Seconds) Run(string file, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var output = new StringBuilder();
        var error = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (error)
                {
                    error.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        double peak = 0;

        // VmHWM only grows, so the last reading before the process exits is its peak (to within one interval of growth)
        while (!process.WaitForExit(100))
        {
            peak = Math.Max(peak, PeakRss.OfMiB(process.Id) ?? 0);
        }

        process.WaitForExit();
        lock (output)
        {
            lock (error)
            {
                return (process.ExitCode, output.ToString(), error.ToString(), peak, clock.Elapsed.TotalSeconds);
            }
        }
    }

    /// <summary>This benchmark again, in a new process, for one measurement.</summary>
    public static Measured Self(params string[] arguments)
    {
        // under the dotnet host the assembly is the first argument; the app host is the program itself
        var host = Environment.ProcessPath!;
        string[] all = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [typeof(Child).Assembly.Location, .. arguments] : arguments;
        var (code, output, error, _, _) = Run(host, all);
        return code == 0 && Measured.Parse(output) is { } m
            ? m
            : throw new InvalidOperationException($"'{string.Join(' ', arguments)}' failed ({code}): {error}{output}");
    }

    public static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
