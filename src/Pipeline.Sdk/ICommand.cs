namespace NumeraiPipeline.Sdk;

/// <summary>Non-generic marker of a plugin command; implement <see cref="ICommand{TOptions}"/> instead.</summary>
public interface ICommand
{
}

/// <summary>
/// A command a plugin adds to the command line (<c>numerai-pipeline NAME [ARGS] [--options]</c>), such as a local
/// server or a one-off call to a service. Mark the class with <see cref="CommandAttribute"/>. The options class's
/// public settable properties become <c>--kebab-case</c> options (or positional arguments with
/// <see cref="CommandArgumentAttribute"/>), documented by <c>[Description]</c>, checked with DataAnnotations
/// (<c>[Required]</c>, <c>[Range]</c>, ...) before the command runs.
/// </summary>
/// <typeparam name="TOptions">The options class.</typeparam>
public interface ICommand<in TOptions> : ICommand
    where TOptions : class, new()
{
    /// <summary>Runs the command.</summary>
    /// <param name="context">Output, error, logger, secrets and clock of the invocation.</param>
    /// <param name="options">The bound and validated options.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C or SIGTERM.</param>
    /// <returns>The process exit code: 0 success, 1 failure, 2 invalid input, 3 environment.</returns>
    Task<int> RunAsync(CommandContext context, TOptions options, CancellationToken cancellationToken);
}
