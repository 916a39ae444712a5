using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Duplicate;

public sealed class DuplicateCommandOptions
{
}

/// <summary>Claims the name of TestPlugins.Basic's 'test greet' command: loading both must report NP3007.</summary>
[Command("test greet", Description = "A second definition of test greet")]
public sealed class DuplicateCommand : ICommand<DuplicateCommandOptions>
{
    public Task<int> RunAsync(CommandContext context, DuplicateCommandOptions options, CancellationToken cancellationToken) => Task.FromResult(0);
}
