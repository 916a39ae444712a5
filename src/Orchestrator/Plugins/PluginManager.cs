using Microsoft.Extensions.Logging;
using NumeraiPipeline.Orchestrator.Diagnostics;

namespace NumeraiPipeline.Orchestrator.Plugins;

/// <summary>
/// Hot swap for the long-running modes: holds the current PluginSet; <see cref="Reload"/> loads a new set into new,
/// unloadable, in-memory load contexts and publishes it for the next run. A run in progress keeps the set it acquired;
/// the old set is unloaded when its last run releases it. A reload that fails keeps the current set.
/// </summary>
internal sealed class PluginManager(Func<PluginSet> load, ILogger logger) : IDisposable
{
    private readonly object gate = new();
    private PluginSet current = load();

    public PluginSet Current
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    /// <summary>Takes the current set for a run; call <see cref="PluginSet.Release"/> when the run ends.</summary>
    public PluginSet Acquire()
    {
        lock (gate)
        {
            if (!current.TryAcquire())
            {
                throw new InvalidOperationException("the current plugin set was retired");
            }

            return current;
        }
    }

    /// <summary>Loads the plugins again and swaps them in; returns the new set, or null when the reload failed.</summary>
    public PluginSet? Reload()
    {
        PluginSet next;
        try
        {
            next = load();
        }
        catch (PipelineException ex)
        {
            logger.LogWarning("Plugin reload failed, keeping the loaded versions: {Error}", ex.Message);
            return null;
        }

        var errors = next.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            logger.LogWarning("Plugin reload failed, keeping the loaded versions: {Error}", string.Join(" ", errors.Select(e => e.Render())));
            next.Dispose();
            return null;
        }

        PluginSet old;
        lock (gate)
        {
            old = current;
            current = next;
        }

        foreach (var plugin in next.Plugins)
        {
            var before = old.Plugins.FirstOrDefault(p => p.Name == plugin.Name);
            if (before is null || before.ContentHash != plugin.ContentHash)
            {
                logger.LogInformation("Plugin {Plugin} swapped: {OldVersion} ({OldHash}) -> {NewVersion} ({NewHash})", plugin.Name, before?.Version ?? "none", before?.ContentHash[..12] ?? "-", plugin.Version, plugin.ContentHash[..12]);
            }
        }

        old.Retire();
        return next;
    }

    public void Dispose() => Current.Retire();
}
