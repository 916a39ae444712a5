using System.Text.Json;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests.Incremental;

/// <summary>A stage's fingerprint covers every file its plugin may load, not only the plugin's main assembly.</summary>
public sealed class PluginFingerprintTests : IDisposable
{
    private readonly TempWorkspace temp = new("np-plugin-fp-");

    public void Dispose() => temp.Dispose();

    private string Plugins => Path.Combine(temp.Path, "plugins");

    private async Task<JsonElement> RunAsync(string pipeline)
    {
        var result = await TestRepo.RunCliAsync("run", pipeline, "--json", "--plugins", Plugins, "--no-builtin-plugins", "--workspace", Path.Combine(temp.Path, "ws"));
        result.ExitCode.ShouldBe(0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement.GetProperty("stages")[0];
    }

    [Fact]
    public async Task Changing_a_dependency_inside_the_plugin_folder_reruns_the_stage_naming_the_file()
    {
        var source = Path.Combine(TestRepo.TestPlugins, "TestPlugins.LibOld");
        var copy = Directory.CreateDirectory(Path.Combine(Plugins, "TestPlugins.LibOld")).FullName;
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var pipeline = Path.Combine(temp.Path, "lib.yaml");
        File.WriteAllText(pipeline, "name: lib\nstages:\n  json: { uses: test.lib-old }\n");
        (await RunAsync(pipeline)).GetProperty("outcome").GetString().ShouldBe("succeeded");
        (await RunAsync(pipeline)).GetProperty("outcome").GetString().ShouldBe("up-to-date");

        // A "fixed" library: same name, other bytes (trailing bytes keep the assembly loadable).
        await File.AppendAllTextAsync(Path.Combine(copy, "Newtonsoft.Json.dll"), "patched");
        var rerun = await RunAsync(pipeline);

        rerun.GetProperty("outcome").GetString().ShouldBe("succeeded");
        var reason = rerun.GetProperty("reasons").EnumerateArray().Single();
        reason.GetProperty("kind").GetString().ShouldBe("plugin_changed");
        reason.GetProperty("detail").GetString()!.ShouldStartWith("plugin changed: TestPlugins.LibOld 0.1.0: file 'Newtonsoft.Json.dll' changed (");

        // A native library appearing for this platform counts too; one for another platform does not.
        Directory.CreateDirectory(Path.Combine(copy, "runtimes", "win-x64", "native"));
        await File.WriteAllTextAsync(Path.Combine(copy, "runtimes", "win-x64", "native", "other.dll"), "x");
        (await RunAsync(pipeline)).GetProperty("outcome").GetString().ShouldBe("up-to-date");
        var native = Path.Combine(copy, "runtimes", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "native");
        Directory.CreateDirectory(native);
        await File.WriteAllTextAsync(Path.Combine(native, "libextra.so"), "x");
        (await RunAsync(pipeline)).GetProperty("reasons")[0].GetProperty("detail").GetString()!.ShouldContain("file 'runtimes/");
    }
}
