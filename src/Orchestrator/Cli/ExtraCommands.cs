using System.CommandLine;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>Commands of the Numerai libraries the host ships with: sandbox, synth.</summary>
internal static class ExtraCommands
{
    public static IEnumerable<Command> Create(CommandFactory factory)
    {
        _ = factory;
        return [];
    }
}
