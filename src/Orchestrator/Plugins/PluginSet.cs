using McMaster.NETCore.Plugins;
using NumeraiPipeline.Orchestrator.Diagnostics;

namespace NumeraiPipeline.Orchestrator.Plugins;

/// <summary>
/// An immutable set of loaded plugins that one or more runs use. In the long-running mode a new set replaces it
/// after a plugin changes; the old set is disposed (its load contexts unloaded) when the last run holding it ends.
/// </summary>
internal sealed class PluginSet : IDisposable
{
    private readonly List<PluginLoader> loaders;
    private int holders = 1;
    private bool retired;

    private Dictionary<string, StageDescriptor> stages;

    public PluginSet(IReadOnlyDictionary<string, StageDescriptor> stages, IReadOnlyList<Diagnostic> diagnostics, List<PluginLoader> loaders, IReadOnlyList<PluginInfo> plugins, IReadOnlyList<string> searchedDirectories)
    {
        this.stages = new Dictionary<string, StageDescriptor>(stages, StringComparer.Ordinal);
        Diagnostics = diagnostics;
        this.loaders = loaders;
        Plugins = plugins;
        SearchedDirectories = searchedDirectories;
    }

    /// <summary>The stage types; empty once the set is unloaded (so nothing keeps its load contexts alive).</summary>
    public IReadOnlyDictionary<string, StageDescriptor> Stages => stages;

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public IReadOnlyList<PluginInfo> Plugins { get; }

    public IReadOnlyList<string> SearchedDirectories { get; }

    public bool IsDisposed { get; private set; }

    /// <summary>The commands plugins add to the command line, by name.</summary>
    public IReadOnlyDictionary<string, CommandDescriptor> Commands { get; init; } = new Dictionary<string, CommandDescriptor>();

    /// <summary>Takes a hold for a run; returns false when the set is already retired.</summary>
    public bool TryAcquire()
    {
        lock (loaders)
        {
            if (retired)
            {
                return false;
            }

            holders++;
            return true;
        }
    }

    /// <summary>Releases a run's hold; the last release of a retired set unloads it.</summary>
    public void Release()
    {
        bool dispose;
        lock (loaders)
        {
            holders--;
            dispose = holders == 0;
        }

        if (dispose)
        {
            DisposeLoaders();
        }
    }

    /// <summary>Marks the set as replaced: it unloads when no run holds it any more.</summary>
    public void Retire()
    {
        lock (loaders)
        {
            if (retired)
            {
                return;
            }

            retired = true;
        }

        Release();
    }

    public void Dispose() => Retire();

    private void DisposeLoaders()
    {
        IsDisposed = true;
        stages = new Dictionary<string, StageDescriptor>(StringComparer.Ordinal);
        foreach (var loader in loaders)
        {
            loader.Dispose();
        }

        loaders.Clear();
    }
}
