using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests.Plugins;

/// <summary>--plugins adds folders to the built-in ones (repeatable); of two plugins with one name, the first found wins.</summary>
public sealed class PluginDirectoriesTests
{
    [Fact]
    public void Folders_add_up_in_the_documented_order_without_duplicates()
    {
        using var temp = new TempWorkspace();
        var a = Path.Combine(temp.Path, "a");
        var b = Path.Combine(temp.Path, "b");
        var c = Path.Combine(temp.Path, "c");

        var dirs = PluginDirectories.Resolve([a, b, a], includeBuiltIn: true, environment: n => n == PluginDirectories.EnvironmentVariable ? c + Path.PathSeparator + b : null);

        dirs.ShouldBe([a, b, c, PluginDirectories.BuiltIn()]);
        PluginDirectories.Resolve([a], includeBuiltIn: false, environment: _ => null).ShouldBe([a]);
        PluginDirectories.Resolve([], includeBuiltIn: false, environment: _ => null).ShouldBe([PluginDirectories.BuiltIn()]);
    }

    [Fact]
    public void A_plugin_in_an_earlier_folder_replaces_one_of_the_same_name_in_a_later_folder()
    {
        using var temp = new TempWorkspace();
        foreach (var root in new[] { "user", "builtin" })
        {
            foreach (var name in root == "user" ? new[] { "Shared" } : ["Shared", "Other"])
            {
                var folder = Directory.CreateDirectory(Path.Combine(temp.Path, root, name)).FullName;
                File.WriteAllText(Path.Combine(folder, name + ".dll"), root);
            }
        }

        var folders = PluginHost.FindPluginFolders([Path.Combine(temp.Path, "user"), Path.Combine(temp.Path, "builtin")]).ToList();

        folders.ShouldBe([Path.Combine(temp.Path, "user", "Shared"), Path.Combine(temp.Path, "builtin", "Other")]);
    }

    [Fact]
    public async Task Repeated_plugins_options_load_every_folder()
    {
        var listing = await TestRepo.RunCliAsync("plugins", "--plugins", TestRepo.TestPlugins, "--plugins", TestRepo.VersionedV1, "--no-builtin-plugins");

        listing.ExitCode.ShouldBe(0, listing.Error);
        listing.Output.ShouldContain("test.echo");
        listing.Output.ShouldContain("test.versioned");
    }
}
