using System.Diagnostics;

namespace NumeraiPipeline.Deploy.Tests;

/// <summary>
/// Rebuilds the image's /app layout from the build output (the executable, and each plugin folder under plugins/
/// beside it), outside the repository, and runs the entry command on a pipeline there: what the container does,
/// without Docker.
/// </summary>
public sealed class ContainerLayoutTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "np-container-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task The_entry_command_finds_the_plugins_beside_the_executable_and_runs_a_pipeline()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0/
        var app = Path.Combine(root, "app");
        Copy(RepositoryFiles.PathOf($"src/Orchestrator/bin/{configuration}/net10.0"), app);
        Copy(RepositoryFiles.PathOf("artifacts/plugins/NumeraiPipeline.Plugins.Notify"), Path.Combine(app, "plugins", "NumeraiPipeline.Plugins.Notify"));
        var work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
        await File.WriteAllTextAsync(Path.Combine(work, "container-check.yaml"), "name: container-check\nstages:\n  tell:\n    uses: notify.console\n");

        var start = new ProcessStartInfo(Path.Combine(app, "numerai-pipeline"), ["run", "container-check.yaml", "--workspace", Path.Combine(work, ".numerai-pipeline")])
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("NUMERAI_PIPELINE_PLUGINS");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);

        var output = await stdout + await stderr;
        process.ExitCode.ShouldBe(0, output);
        output.ShouldContain("container-check: succeeded");
    }

    private static void Copy(string from, string to)
    {
        Directory.Exists(from).ShouldBeTrue(from);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        if (!OperatingSystem.IsWindows())
        {
            var exe = Path.Combine(to, "numerai-pipeline");
            if (File.Exists(exe))
            {
                File.SetUnixFileMode(exe, File.GetUnixFileMode(exe) | UnixFileMode.UserExecute);
            }
        }
    }
}
