using System.Diagnostics;

namespace NumeraiPipeline.Deploy.Tests;

/// <summary>
/// Rebuilds the image's /app layout (what the self-contained publish writes: the executable, each plugin folder under
/// plugins/ and the pipelines under pipelines/ beside it) from the build output, outside the repository, and runs the
/// entry command on a pipeline there: what the container does, without Docker. .ci/run runs the real publish.
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
    public async Task The_entry_command_loads_every_plugin_beside_the_executable_and_runs_a_pipeline()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0/
        var app = Path.Combine(root, "app");
        Copy(RepositoryFiles.PathOf($"src/Orchestrator/bin/{configuration}/net10.0"), app);
        // What the Dockerfile does: every plugin's build folder (artifacts/plugins/<AssemblyName>/) into /app/plugins.
        var plugins = Directory.GetFiles(RepositoryFiles.PathOf("plugins"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => "NumeraiPipeline.Plugins." + Path.GetFileNameWithoutExtension(p)).ToList();
        foreach (var plugin in plugins)
        {
            Copy(RepositoryFiles.PathOf($"artifacts/plugins/{plugin}"), Path.Combine(app, "plugins", plugin));
        }

        var work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
        await File.WriteAllTextAsync(Path.Combine(work, "container-check.yaml"), "name: container-check\nstages:\n  tell:\n    uses: notify.console\n");

        var (listExit, listed) = await RunAsync(app, work, "plugins");
        listExit.ShouldBe(0, listed);
        listed.ShouldContain($"{plugins.Count} plugins, ");
        foreach (var plugin in plugins)
        {
            listed.ShouldContain($"({plugin} ");
        }

        var (exit, output) = await RunAsync(app, work, "run", "container-check.yaml", "--workspace", Path.Combine(work, ".numerai-pipeline"));

        exit.ShouldBe(0, output);
        output.ShouldContain("container-check: succeeded");
    }

    [Fact]
    public async Task The_entry_command_runs_the_demo_pipeline_from_app_pipelines()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var app = Path.Combine(root, "app");
        Copy(RepositoryFiles.PathOf($"src/Orchestrator/bin/{configuration}/net10.0"), app);
        foreach (var plugin in Directory.GetFiles(RepositoryFiles.PathOf("plugins"), "*.csproj", SearchOption.AllDirectories).Select(p => "NumeraiPipeline.Plugins." + Path.GetFileNameWithoutExtension(p)))
        {
            Copy(RepositoryFiles.PathOf($"artifacts/plugins/{plugin}"), Path.Combine(app, "plugins", plugin));
        }

        Copy(RepositoryFiles.PathOf("pipelines"), Path.Combine(app, "pipelines"));
        var work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;

        // The built-in pipelines beside the executable are found by name, from a folder of the user's own.
        var (listExit, listed) = await RunAsync(app, work, "list");
        listExit.ShouldBe(0, listed);
        listed.ShouldContain("demo                     built-in ");

        // The demo as the image would run it (docker run IMAGE run demo), on a smaller sandbox dataset.
        var (exit, output) = await RunAsync(
            app,
            work,
            "run",
            "demo",
            "--workspace",
            Path.Combine(work, ".numerai-pipeline"),
            "--set",
            "stages.sandbox.with.rows=20000",
            "--set",
            "stages.train.with.params.n_estimators=60");

        exit.ShouldBe(0, output);
        output.ShouldContain("Pipeline 'demo' succeeded");
        output.ShouldContain("- submit (numerai.submit): ");
        output.ShouldContain("- train[target=target] (lightgbm.train): succeeded");
        output.ShouldContain("- train[target=target_cyrusd_20] (lightgbm.train): succeeded");
        output.ShouldContain("- validate_neutral (numerai.neutralize): succeeded");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string app, string work, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(app, "numerai-pipeline"), args)
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("NUMERAI_PIPELINE_PLUGINS");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10)); // a guard against a hang, not a speed check
        await process.WaitForExitAsync(timeout.Token);

        return (process.ExitCode, await stdout + await stderr);
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
