using System.CommandLine;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Plugins;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary><c>run --watch</c>: runs, then reruns whenever a plugin or the pipeline file changes, hot-swapping plugins.</summary>
internal sealed class WatchLoop(CliSession session, string pipeline)
{
    public async Task<int> RunAsync(ParseResult parse, CancellationToken token)
    {
        var logger = session.LoggerFactory.CreateLogger("NumeraiPipeline.Watch");
        using var manager = new PluginManager(() => session.LoadPlugins(unloadable: true), logger);
        var file = PipelineLocator.Find(pipeline);
        using var watcher = new PluginWatcher(manager.Current.SearchedDirectories, [file], TimeSpan.FromMilliseconds(750));
        var exit = 0;
        while (!token.IsCancellationRequested)
        {
            var set = manager.Acquire();
            try
            {
                var plan = session.Plan(pipeline, set);
                exit = (await CommandFactory.ExecuteAsync(session, plan, parse, token).ConfigureAwait(false)).ExitCode;
            }
            catch (PipelineException ex)
            {
                foreach (var d in ex.Diagnostics)
                {
                    session.Error.WriteLine(d.Render());
                }

                exit = ex.ExitCode;
            }
            finally
            {
                set.Release();
            }

            logger.LogInformation("Watching plugins and {File} for changes (Ctrl+C to stop)", Definition.SourceLocation.DisplayPath(file));
            try
            {
                await watcher.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            manager.Reload();
        }

        return token.IsCancellationRequested ? ExitCodes.Cancelled : exit;
    }
}
