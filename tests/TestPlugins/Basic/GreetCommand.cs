using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

public sealed class GreetCommandOptions
{
    [CommandArgument(0)]
    [Required]
    [Description("Who to greet")]
    public string Name { get; set; } = "";

    [Range(1, 5)]
    [Description("How many times")]
    public int Times { get; set; } = 1;

    [Description("Shout")]
    public bool Loud { get; set; }

    [Description("Fail with this exit code (3: environment)")]
    public int? FailWith { get; set; }
}

/// <summary>A plugin command: proves plugins add commands (and subcommands) to the host's command line.</summary>
[Command("test greet", Description = "Greets (a plugin command of the test plugins)")]
public sealed class GreetCommand : ICommand<GreetCommandOptions>
{
    public async Task<int> RunAsync(CommandContext context, GreetCommandOptions options, CancellationToken cancellationToken)
    {
        if (options.FailWith is { } code)
        {
            throw new StageException("TST0010", $"greeting {options.Name} failed on purpose") { ExitCode = code };
        }

        var text = $"Hello, {options.Name}!";
        for (var i = 0; i < options.Times; i++)
        {
            await context.Output.WriteLineAsync(context.Json ? $"{{\"greeting\": \"{text}\"}}" : options.Loud ? text.ToUpperInvariant() : text);
        }

        return 0;
    }
}
