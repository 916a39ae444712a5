using System.Runtime.InteropServices;
using System.Text;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

public sealed class PrintOptions
{
    public string Message { get; set; } = "printed";

    /// <summary>Also write the message straight to file descriptor 1, as a native library's printf does.</summary>
    public bool Native { get; set; }
}

/// <summary>Prints "to the console" the ways plugins and native libraries do, bypassing the host's writers.</summary>
[Stage("test.print", Description = "Prints a line with Console.Out (and with write(1, ...))")]
public sealed partial class PrintStage : IStage<PrintOptions>
{
    public Task<StageResult> RunAsync(StageContext context, PrintOptions options, CancellationToken cancellationToken)
    {
        Console.Out.WriteLine("console: " + options.Message);
        Console.Out.Flush();
        if (options.Native && OperatingSystem.IsLinux())
        {
            var bytes = Encoding.UTF8.GetBytes("native: " + options.Message + "\n");
            _ = Write(1, bytes, bytes.Length);
        }

        return Task.FromResult(StageResult.Succeeded());
    }

    [LibraryImport("libc.so.6", EntryPoint = "write")]
    private static partial nint Write(int fd, byte[] buffer, nint count);
}
