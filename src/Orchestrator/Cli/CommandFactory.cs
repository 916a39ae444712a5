using System.CommandLine;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>Creates the commands; each command lives in its own partial file (CommandFactory.NAME.cs).</summary>
internal sealed partial class CommandFactory(TextWriter output, TextWriter error, CancellationToken outerToken)
{
    public TextWriter Output => output;

    public TextWriter Error => error;

    public CliSession Session(ParseResult parse) => new(output, error, CommonOptions.Read(parse));

    public CancellationToken Link(CancellationToken token) =>
        outerToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(outerToken, token).Token : token;
}
