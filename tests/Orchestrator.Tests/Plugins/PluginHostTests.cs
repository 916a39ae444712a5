using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests.Plugins;

/// <summary>Loads real compiled test plugins.</summary>
public sealed class PluginHostTests
{
    private static string Artifacts(string name) => Path.Combine(TestRepo.Root, "artifacts", name);

    [Fact]
    public void Loads_stage_types_with_their_outputs_and_plugin_identity()
    {
        using var set = PluginHost.Load([TestRepo.TestPlugins], unloadable: false);

        set.Stages.Keys.ShouldContain("test.echo");
        var echo = set.Stages["test.echo"];
        echo.Plugin.Name.ShouldBe("TestPlugins.Basic");
        echo.Plugin.ContentHash.Length.ShouldBe(64);
        echo.Outputs.Select(o => o.Name).ShouldBe(["text", "length"]);
        set.Diagnostics.ShouldContain(d => d.Code == "NP3003" && d.Message.Contains("NoAttributeStage"));
    }

    [Fact]
    public async Task Two_plugins_depending_on_different_versions_of_one_library_both_work_in_one_run()
    {
        using var files = new PipelineFiles();
        var p = files.Write("libs.yaml", """
            name: libs
            stages:
              old: { uses: test.lib-old }
              new: { uses: test.lib-new }
            """);

        var result = await files.RunAsync(p, "--json");

        result.ExitCode.ShouldBe(0, result.Error);
        using var doc = System.Text.Json.JsonDocument.Parse(result.Output);
        var versions = doc.RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("outputs").GetProperty("json_version").GetString());
        versions["old"].ShouldBe("12.0.0.0");
        versions["new"].ShouldBe("13.0.0.0");
    }

    [Fact]
    public void A_duplicate_stage_id_is_NP3002_naming_both_assemblies()
    {
        using var set = PluginHost.Load([TestRepo.TestPlugins, Artifacts("test-plugins-duplicate")], unloadable: false);

        set.Diagnostics.Select(d => d.Render()).ShouldContain("TestPlugins.Duplicate: error NP3002: stage type 'test.echo' is defined by both 'TestPlugins.Basic' and 'TestPlugins.Duplicate'. Remove one of the plugins or rename one stage type.");
    }

    [Fact]
    public void A_duplicate_command_name_is_NP3007_naming_both_plugins_and_the_first_one_keeps_it()
    {
        using var set = PluginHost.Load([TestRepo.TestPlugins, Artifacts("test-plugins-duplicate")], unloadable: false);

        set.Diagnostics.Select(d => d.Render()).ShouldContain("TestPlugins.Duplicate: error NP3007: the command 'test greet' is defined by both 'TestPlugins.Basic' and 'TestPlugins.Duplicate'. Remove one of the plugins or rename one command.");
        set.Diagnostics.Single(d => d.Code == "NP3007").ExitCode.ShouldBe(3);
        set.Commands["test greet"].Plugin.Name.ShouldBe("TestPlugins.Basic");
    }

    [Fact]
    public void A_plugin_built_against_another_SDK_major_version_is_NP3004()
    {
        using var set = PluginHost.Load([Artifacts("test-plugins-badsdk")], unloadable: false);

        set.Stages.ShouldBeEmpty();
        set.Diagnostics.Select(d => d.Render()).ShouldContain("TestPlugins.BadSdk: error NP3004: plugin 'TestPlugins.BadSdk' was built against NumeraiPipeline.Sdk 2.0.0.0, but this host provides 1.0.0.0. Rebuild the plugin against Sdk 1.0.0.0.");
    }

    [Fact]
    public async Task A_plugin_that_fails_to_load_is_NP3001_naming_the_assembly_and_fails_a_pipeline_that_needs_it_with_exit_3()
    {
        using var temp = new TempWorkspace();
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "plugins", "Broken")).FullName;
        File.WriteAllBytes(Path.Combine(folder, "Broken.dll"), [0x4D, 0x5A, 1, 2, 3, 4]);
        var pipeline = Path.Combine(temp.Path, "p.yaml");
        File.WriteAllText(pipeline, "stages:\n  x: { uses: broken.stage }\n");

        using var set = PluginHost.Load([Path.Combine(temp.Path, "plugins")], unloadable: false);
        var result = await TestRepo.RunCliAsync("validate", pipeline, "--plugins", Path.Combine(temp.Path, "plugins"), "--no-builtin-plugins");

        set.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("NP3001");
        set.Diagnostics[0].Render().ShouldStartWith("Broken: error NP3001: plugin 'Broken' failed to load: ");
        result.ExitCode.ShouldBe(3);
        result.Error.ShouldContain("error NP3001: plugin 'Broken' failed to load");
    }

    [Fact]
    public async Task No_plugins_at_all_is_NP3005()
    {
        using var temp = new TempWorkspace();
        var pipeline = Path.Combine(temp.Path, "p.yaml");
        File.WriteAllText(pipeline, "stages:\n  x: { uses: test.echo }\n");

        var result = await TestRepo.RunCliAsync("validate", pipeline, "--plugins", Path.Combine(temp.Path, "empty"), "--no-builtin-plugins");

        result.ExitCode.ShouldBe(3);
        result.Error.ShouldContain("error NP3005: no plugins found in ");
    }
}
