using System.CommandLine;
using System.Text.Json;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Execution;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>
/// The numerai-pipeline command line: builds the commands, runs one, maps failures to exit codes (DESIGN §8). It is
/// the one top-level guard: nothing thrown below it reaches the user as a stack trace (only with --verbose).
/// </summary>
internal static class CliApp
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, bool ownsConsole = false, Action<RootCommand, CommandFactory>? configure = null, Func<string, string?>? environment = null)
    {
        var commands = new CommandFactory(output, error, cancellationToken, environment) { OwnsConsole = ownsConsole };
        try
        {
            return await InvokeAsync(commands, args, output, error, cancellationToken, configure).ConfigureAwait(false);
        }
        finally
        {
            commands.ReleaseHeld();
        }
    }

    private static async Task<int> InvokeAsync(CommandFactory commands, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, Action<RootCommand, CommandFactory>? configure)
    {
        var root = new RootCommand("numerai-pipeline: runs Numerai tournament pipelines (YAML graphs of plugin stages), incrementally and traced.");
        foreach (var option in new Option[] { CommonOptions.Plugins, CommonOptions.NoBuiltInPlugins, CommonOptions.Workspace, CommonOptions.Set, CommonOptions.Verbose, CommonOptions.Quiet, CommonOptions.Json, CommonOptions.LogFormatOption, CommonOptions.Trace, CommonOptions.Store })
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(commands.Run());
        root.Subcommands.Add(commands.Plan());
        root.Subcommands.Add(commands.Validate());
        root.Subcommands.Add(commands.List());
        root.Subcommands.Add(commands.Plugins());
        root.Subcommands.Add(commands.Graph());
        root.Subcommands.Add(commands.NewPlugin());
        root.Subcommands.Add(commands.Schedule());
        root.Subcommands.Add(commands.Init());
        root.Subcommands.Add(commands.Doctor());
        ParseResult parse;
        IReadOnlyList<Diagnostic> pluginErrors;
        try
        {
            pluginErrors = AddPluginCommands(root, commands, args);
            configure?.Invoke(root, commands);
            parse = root.Parse(args);
        }
        catch (Exception ex)
        {
            return Report(commands.Secrets, output, error, json: args.Contains("--json"), verbose: args.Contains("--verbose") || args.Contains("-v"), LogJson(args), [DiagnosticCodes.InternalError.Create("numerai-pipeline", ex.GetType().Name, ex.Message.TrimEnd('.'))], ExitCodes.StageFailed, ex);
        }

        var json = SafeGet(parse, CommonOptions.Json);
        var verbose = SafeGet(parse, CommonOptions.Verbose);
        var logJson = LogJson(args);
        if (parse.Errors.Count > 0 && pluginErrors.Count > 0 && PluginCommands.CommandWord(args) is { } asked && root.Subcommands.All(c => c.Name != asked))
        {
            // The command may be one of a plugin that failed to load (a framework it needs is not installed): say so.
            return Report(commands.Secrets, output, error, json, verbose, logJson, [.. pluginErrors, .. parse.Errors.Select(e => DiagnosticCodes.BadArgument.Create("numerai-pipeline", e.Message))], ExitCodes.Environment, null);
        }

        if (parse.Errors.Count > 0)
        {
            return Report(commands.Secrets, output, error, json, verbose, logJson, parse.Errors.Select(e => DiagnosticCodes.BadArgument.Create("numerai-pipeline", e.Message)).ToList(), ExitCodes.InvalidInput, null);
        }

        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (PipelineException ex)
        {
            return Report(commands.Secrets, output, error, json, verbose, logJson, ex.Diagnostics, ex.ExitCode, null);
        }
        catch (Storage.StorageException ex)
        {
            return Report(commands.Secrets, output, error, json, verbose, logJson, [new Diagnostic(ex.Code, "numerai-pipeline", ex.Message)], ExitCodes.Environment, verbose ? ex : null);
        }
        catch (OperationCanceledException)
        {
            return Report(commands.Secrets, output, error, json, verbose, logJson, [DiagnosticCodes.Cancelled.Create("numerai-pipeline")], ExitCodes.Cancelled, null);
        }
        catch (Exception ex)
        {
            return Report(commands.Secrets, output, error, json, verbose, logJson, [DiagnosticCodes.InternalError.Create("numerai-pipeline", ex.GetType().Name, ex.Message.TrimEnd('.'))], ExitCodes.StageFailed, ex);
        }
    }

    /// <summary>
    /// Prints diagnostics on standard error (and, with --json, the one JSON document on standard output), redacted of
    /// every secret the run read; a stack trace only with --verbose.
    /// </summary>
    private static int Report(EnvironmentSecretStore secrets, TextWriter output, TextWriter error, bool json, bool verbose, bool logJson, IReadOnlyList<Diagnostic> diagnostics, int exitCode, Exception? exception)
    {
        try
        {
            foreach (var d in diagnostics)
            {
                error.WriteLine(secrets.Redact(logJson ? DiagnosticJson.LogLine(d, verbose ? exception : null) : d.Render()));
            }

            if (verbose && exception is not null && !logJson)
            {
                error.WriteLine(secrets.Redact(exception.ToString()));
            }

            if (json)
            {
                output.WriteLine(secrets.Redact(JsonSerializer.Serialize(DiagnosticJson.Document(diagnostics, exitCode), ConsoleRenderer.JsonOptions)));
            }

            output.Flush();
            error.Flush();
        }
        catch (IOException)
        {
            // The terminal went away: the exit code still tells.
        }

        return exitCode;
    }

    /// <summary>
    /// Plugins' commands join the tree when the command asked for is not a built-in one (or for --help), so that the
    /// built-in commands never pay for loading plugins they do not use.
    /// </summary>
    /// <returns>The errors of plugins that failed to load (one of them may have been the command's).</returns>
    private static IReadOnlyList<Diagnostic> AddPluginCommands(RootCommand root, CommandFactory commands, string[] args)
    {
        var word = PluginCommands.CommandWord(args);
        if (word is not null && root.Subcommands.Any(c => c.Name == word))
        {
            return [];
        }

        var (folders, noBuiltIn) = PluginCommands.PluginArguments(args);
        var directories = Plugins.PluginDirectories.Resolve(folders, !noBuiltIn, commands.Environment);
        var set = Plugins.PluginHost.Load(directories, unloadable: false);
        commands.KeepAlive(set);
        PluginCommands.Add(root, set.Commands, commands);
        return [.. set.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];
    }

    /// <summary>Whether --log-format json was asked for (read from the raw arguments, so it holds even when parsing failed).</summary>
    private static bool LogJson(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--log-format" && i + 1 < args.Length)
            {
                return string.Equals(args[i + 1], "json", StringComparison.OrdinalIgnoreCase);
            }

            if (args[i].StartsWith("--log-format=", StringComparison.Ordinal) || args[i].StartsWith("--log-format:", StringComparison.Ordinal))
            {
                return string.Equals(args[i][13..], "json", StringComparison.OrdinalIgnoreCase);
            }
        }

        return false;
    }

    private static bool SafeGet(ParseResult parse, Option<bool> option)
    {
        try
        {
            return parse.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
