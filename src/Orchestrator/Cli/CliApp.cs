using System.CommandLine;
using NumeraiPipeline.Orchestrator.Diagnostics;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>The numerai-pipeline command line: builds the commands, runs one, maps failures to exit codes (DESIGN §8).</summary>
internal static class CliApp
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = new RootCommand("numerai-pipeline: runs Numerai tournament pipelines (YAML graphs of plugin stages), incrementally and traced.");
        foreach (var option in new Option[] { CommonOptions.Plugins, CommonOptions.Workspace, CommonOptions.Set, CommonOptions.Verbose, CommonOptions.Quiet, CommonOptions.Json, CommonOptions.LogFormatOption, CommonOptions.Trace, CommonOptions.Store })
        {
            root.Options.Add(option);
        }

        var commands = new CommandFactory(output, error, cancellationToken);
        root.Subcommands.Add(commands.Run());
        root.Subcommands.Add(commands.Plan());
        root.Subcommands.Add(commands.Validate());
        root.Subcommands.Add(commands.List());
        root.Subcommands.Add(commands.Plugins());
        root.Subcommands.Add(commands.Graph());
        root.Subcommands.Add(commands.NewPlugin());
        root.Subcommands.Add(commands.Schedule());
        foreach (var extra in ExtraCommands.Create(commands))
        {
            root.Subcommands.Add(extra);
        }

        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                error.WriteLine(DiagnosticCodes.BadArgument.Create("numerai-pipeline", e.Message).Render());
            }

            return ExitCodes.InvalidInput;
        }

        try
        {
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (PipelineException ex)
        {
            foreach (var d in ex.Diagnostics)
            {
                error.WriteLine(d.Render());
            }

            return ex.ExitCode;
        }
        catch (NumeraiPipeline.Storage.StorageException ex)
        {
            error.WriteLine($"numerai-pipeline: error {ex.Code}: {ex.Message}");
            return ExitCodes.Environment;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine(DiagnosticCodes.Cancelled.Create("numerai-pipeline").Render());
            return ExitCodes.Cancelled;
        }
    }
}
