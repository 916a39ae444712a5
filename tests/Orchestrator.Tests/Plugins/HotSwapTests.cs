using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using NumeraiPipeline.Orchestrator.Definition;
using NumeraiPipeline.Orchestrator.Execution;
using NumeraiPipeline.Orchestrator.Planning;
using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests.Plugins;

/// <summary>v1 → v2 of a rebuilt plugin inside one process, as the long-running modes do it.</summary>
public sealed class HotSwapTests
{
    [Fact]
    public async Task A_rebuilt_plugin_is_used_by_the_next_run_while_the_run_in_progress_keeps_v1_and_v1_is_unloaded()
    {
        using var temp = new TempWorkspace();
        var pluginDir = Path.Combine(temp.Path, "plugins");
        CopyDirectory(Path.Combine(TestRepo.VersionedV1, "TestPlugins.Versioned"), Path.Combine(pluginDir, "TestPlugins.Versioned"));
        var release = Path.Combine(temp.Path, "release");
        var pipeline = Path.Combine(temp.Path, "v.yaml");
        File.WriteAllText(pipeline, $"name: v\nstages:\n  which:\n    uses: test.versioned\n    cache: never\n    with: {{ wait_for: \"{release.Replace("\\", "/")}\" }}\n");
        var secrets = new EnvironmentSecretStore();
        using var manager = new PluginManager(() => PluginHost.Load([pluginDir], unloadable: true), NullLogger.Instance);

        // Run 1 starts on v1 and waits.
        var v1 = manager.Acquire();
        var weak = WeakOldContext(v1);
        var run1 = RunAsync(pipeline, v1, Path.Combine(temp.Path, "ws1"), secrets);

        // The plugin is rebuilt (v2 copied over v1's files) and reloaded while run 1 is in progress.
        CopyDirectory(Path.Combine(TestRepo.VersionedV2, "TestPlugins.Versioned"), Path.Combine(pluginDir, "TestPlugins.Versioned"));
        var v2 = manager.Reload();
        v2.ShouldNotBeNull();
        v1.IsDisposed.ShouldBeFalse("the old set is kept while a run holds it");

        File.WriteAllText(release, "go");
        var first = await run1;
        v1.Release();

        var set2 = manager.Acquire();
        var second = await RunAsync(pipeline, set2, Path.Combine(temp.Path, "ws2"), secrets);
        set2.Release();

        first.Stages.Single().Outputs["version"].ShouldBe("v1");
        second.Stages.Single().Outputs["version"].ShouldBe("v2");
        v1.IsDisposed.ShouldBeTrue();
        for (var i = 0; i < 20 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        weak.IsAlive.ShouldBeFalse("the old plugin load context must be collectible once released");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WeakOldContext(PluginSet set)
    {
        var type = set.Stages["test.versioned"].StageType;
        var context = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(type.Assembly)!;
        return new WeakReference(context);
    }

    private static async Task<RunResult> RunAsync(string pipeline, PluginSet set, string workspace, EnvironmentSecretStore secrets)
    {
        await Task.Yield();
        var plan = PipelinePlanner.Plan(PipelineLoader.Load(pipeline), set.Stages, secrets, _ => null);
        var options = new RunOptions { Workspace = workspace, LoggerFactory = NullLoggerFactory.Instance, Secrets = secrets };
        return await new PipelineExecutor(plan, options).RunAsync(CancellationToken.None);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
