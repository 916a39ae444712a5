using System.CommandLine;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>Creates the commands; each command lives in its own partial file (CommandFactory.NAME.cs).</summary>
internal sealed partial class CommandFactory(TextWriter output, TextWriter error, CancellationToken outerToken, Func<string, string?>? environment = null)
{
    /// <summary>The environment variables of this invocation: the process's, or a test's own.</summary>
    public Func<string, string?> Environment { get; } = environment ?? System.Environment.GetEnvironmentVariable;

    public TextWriter Output => output;

    public TextWriter Error => error;

    /// <summary>The secrets of this invocation: every value read is redacted from all it prints, errors included.</summary>
    public Execution.EnvironmentSecretStore Secrets { get; } = new(environment ?? System.Environment.GetEnvironmentVariable);

    /// <summary>Whether this invocation is the process's own (Program.cs): then it may point Console.Out elsewhere.</summary>
    public bool OwnsConsole { get; init; }

    private readonly List<IDisposable> held = [];

    /// <summary>Keeps the plugins that provide this invocation's commands loaded until it ends.</summary>
    public void KeepAlive(IDisposable resource) => held.Add(resource);

    /// <summary>Releases what <see cref="KeepAlive"/> held.</summary>
    public void ReleaseHeld()
    {
        foreach (var r in held)
        {
            r.Dispose();
        }

        held.Clear();
    }

    public CliSession Session(ParseResult parse) => new(output, error, CommonOptions.Read(parse), Secrets, OwnsConsole, Environment);

    public CancellationToken Link(CancellationToken token) =>
        outerToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(outerToken, token).Token : token;
}
