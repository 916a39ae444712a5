namespace NumeraiPipeline.Sdk;

/// <summary>Non-generic marker of a stage type; implement <see cref="IStage{TOptions}"/> instead.</summary>
public interface IStage
{
}

/// <summary>A stage type: the unit of work a pipeline's stage runs.</summary>
/// <typeparam name="TOptions">The options class that a stage's <c>with:</c> map binds to (snake_case keys).</typeparam>
public interface IStage<in TOptions> : IStage
    where TOptions : class, new()
{
    /// <summary>Runs the stage. Write files only through <see cref="StageContext.Outputs"/>.</summary>
    /// <param name="context">What the stage may touch.</param>
    /// <param name="options">The bound and validated options.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C or when the run is stopped.</param>
    /// <returns>The outcome of the stage.</returns>
    Task<StageResult> RunAsync(StageContext context, TOptions options, CancellationToken cancellationToken);
}

/// <summary>
/// Optional: a stage whose result depends on something outside its inputs (such as the current Numerai round)
/// contributes an external version to its fingerprint, so it reruns exactly when that version changes.
/// </summary>
/// <typeparam name="TOptions">The stage's options class.</typeparam>
public interface IExternalVersionSource<in TOptions>
    where TOptions : class, new()
{
    /// <summary>Returns the current external version, or null when there is none.</summary>
    /// <param name="context">The stage context (outputs are not writable here).</param>
    /// <param name="options">The bound options.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A short string such as <c>round-1234</c>, or null.</returns>
    Task<string?> GetExternalVersionAsync(StageContext context, TOptions options, CancellationToken cancellationToken);
}
