namespace NumeraiPipeline.Sdk;

/// <summary>
/// Optional: a stage type that can tell, before anything runs, whether this machine is ready for it: credentials
/// present and accepted, a service reachable, enough disk and memory, native libraries loadable.
/// <c>numerai-pipeline doctor PIPELINE</c> calls it once for every stage of the planned pipeline, in the order the
/// stages would run, and shows every row it returns. A check must not change anything outside its own scratch files:
/// no upload, no submission, no output.
/// </summary>
/// <typeparam name="TOptions">The stage's options class.</typeparam>
public interface IStageCheck<in TOptions>
    where TOptions : class, new()
{
    /// <summary>Checks what this stage needs. Report problems as rows; throw only for a bug.</summary>
    /// <param name="context">Secrets, HTTP, clock, workspace, and what is known of the options before the run.</param>
    /// <param name="options">The bound options; those in <see cref="CheckContext.DeferredOptions"/> hold their defaults.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The rows, in the order to show them.</returns>
    Task<IReadOnlyList<CheckResult>> CheckAsync(CheckContext context, TOptions options, CancellationToken cancellationToken);
}
