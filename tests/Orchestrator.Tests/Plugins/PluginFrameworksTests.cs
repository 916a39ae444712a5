using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests.Plugins;

/// <summary>Shared frameworks a plugin declares (its runtimeconfig.json) are found in the .NET installations, or reported.</summary>
public sealed class PluginFrameworksTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_sandbox_plugin_declares_the_ASP_NET_Core_framework_and_the_host_does_not()
    {
        var plugin = Path.Combine(TestRepo.Root, "artifacts", "plugins", "NumeraiPipeline.Plugins.Numerai.Sandbox", "NumeraiPipeline.Plugins.Numerai.Sandbox.runtimeconfig.json");

        PluginFrameworks.Declared(plugin).ShouldBe([("Microsoft.AspNetCore.App", "10.0.0")]);
        PluginFrameworks.Declared(HostOutput.File("numerai-pipeline.runtimeconfig.json")).ShouldBeEmpty();
    }

    [Fact]
    public void The_framework_folder_is_the_same_major_version_at_least_the_one_asked_for()
    {
        var root = Path.Combine(temp.Path, "dotnet");
        foreach (var version in new[] { "9.0.4", "10.0.1", "10.0.7", "11.0.0-preview.1" })
        {
            var dir = Directory.CreateDirectory(Path.Combine(root, "shared", "Example.Web.App", version)).FullName;
            File.WriteAllText(Path.Combine(dir, "Example.Web.App.deps.json"), "{}");
        }

        Directory.CreateDirectory(Path.Combine(root, "shared", "Example.Web.App", "10.0.9"));

        var found = PluginFrameworks.Locate("Example.Web.App", "10.0.0", [Path.Combine(temp.Path, "elsewhere"), root]);

        found.ShouldBe(Path.Combine(root, "shared", "Example.Web.App", "10.0.7"), "10.0.9 has no deps.json: not a framework; 9 and 11 are other majors");
        PluginFrameworks.Locate("Example.Web.App", "10.0.8", [root]).ShouldBeNull();
        PluginFrameworks.Locate("Example.Web.App", "12.0.0", [root]).ShouldBeNull();
    }

    [Fact]
    public void The_installation_running_the_tests_has_the_ASP_NET_Core_framework()
    {
        var roots = PluginFrameworks.DotnetRoots(_ => null);

        var found = PluginFrameworks.Locate("Microsoft.AspNetCore.App", "10.0.0", roots);

        found.ShouldNotBeNull();
        File.Exists(Path.Combine(found, "Microsoft.AspNetCore.Server.Kestrel.Core.dll")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_command_of_a_plugin_that_needs_a_missing_framework_says_so_with_exit_3()
    {
        var folder = PluginDeclaringAMissingFramework();

        var result = await TestRepo.RunCliAsync("test", "greet", "World", "--plugins", Path.GetDirectoryName(folder)!, "--no-builtin-plugins");

        result.ExitCode.ShouldBe(3);
        result.ErrorLines.ShouldContain(l => l.StartsWith("TestPlugins.Basic: error NP3008: plugin 'TestPlugins.Basic' needs the shared framework Example.Missing.App 10.0.0, which is not installed (looked in ", StringComparison.Ordinal));
        result.ErrorLines.ShouldContain("numerai-pipeline: error NP2005: Unrecognized command or argument 'test'.");
    }

    [Fact]
    public void A_plugin_declaring_a_framework_that_is_not_installed_is_NP3008_and_is_not_loaded()
    {
        var folder = PluginDeclaringAMissingFramework();

        using var set = PluginHost.Load([Path.Combine(temp.Path, "plugins")], unloadable: false, dotnetRoots: [Path.Combine(temp.Path, "dotnet")]);

        set.Stages.ShouldBeEmpty();
        var rendered = set.Diagnostics.ShouldHaveSingleItem().Render();
        rendered.ShouldStartWith("TestPlugins.Basic: error NP3008: plugin 'TestPlugins.Basic' needs the shared framework Example.Missing.App 10.0.0, which is not installed (looked in ");
        rendered.ShouldEndWith("). Install the .NET runtime that includes Example.Missing.App (or set DOTNET_ROOT to the .NET installation that has it), or remove the plugin's folder '" + Orchestrator.Definition.SourceLocation.DisplayPath(folder) + "'.");
    }

    [Fact]
    public void An_unreadable_runtimeconfig_declares_no_framework()
    {
        var path = Path.Combine(temp.Path, "x.runtimeconfig.json");
        File.WriteAllText(path, "{ not json");

        PluginFrameworks.Declared(path).ShouldBeEmpty();
        PluginFrameworks.Declared(Path.Combine(temp.Path, "absent.runtimeconfig.json")).ShouldBeEmpty();
    }

    /// <summary>A copy of the Basic test plugin whose runtimeconfig.json declares a framework no installation has.</summary>
    private string PluginDeclaringAMissingFramework()
    {
        var source = Path.Combine(TestRepo.TestPlugins, "TestPlugins.Basic");
        var folder = Path.Combine(temp.Path, "plugins", "TestPlugins.Basic");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(folder, "TestPlugins.Basic.runtimeconfig.json"), """
            {
              "runtimeOptions": {
                "tfm": "net10.0",
                "frameworks": [
                  { "name": "Microsoft.NETCore.App", "version": "10.0.0" },
                  { "name": "Example.Missing.App", "version": "10.0.0" }
                ]
              }
            }
            """);
        return folder;
    }
}
