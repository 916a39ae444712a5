using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.Sdk;

/// <summary>What a stage's check (<see cref="IStageCheck{TOptions}"/>) may touch. The host provides the implementation.</summary>
public abstract class CheckContext
{
    /// <summary>The pipeline's name.</summary>
    public abstract string PipelineName { get; }

    /// <summary>The stage's id in the pipeline.</summary>
    public abstract string StageId { get; }

    /// <summary>The workspace folder a run would use (it may not exist yet).</summary>
    public abstract string WorkspaceDirectory { get; }

    /// <summary>The logger of the check.</summary>
    public abstract ILogger Logger { get; }

    /// <summary>Secrets, as the run would read them; values read here are redacted from the report.</summary>
    public abstract ISecretStore Secrets { get; }

    /// <summary>The clock; tests replace it.</summary>
    public abstract TimeProvider Time { get; }

    /// <summary>
    /// The options (snake_case names, as in <c>with:</c>) whose values come from other stages' outputs
    /// (<c>${stages.ID.outputs.NAME}</c>), known only when the run gets there; they hold their defaults here.
    /// </summary>
    public abstract IReadOnlyCollection<string> DeferredOptions { get; }

    /// <summary>The id of the stage whose output an option's value comes from, or null when it comes from none.</summary>
    /// <param name="option">The option's snake_case name.</param>
    /// <returns>The stage id, or null.</returns>
    public abstract string? SourceStageOf(string option);

    /// <summary>
    /// Records a fact this check learned about an output its stage will produce (e.g. the rows of a file it will
    /// download), for the checks of later stages whose options refer to that output.
    /// </summary>
    /// <param name="output">The output's name, as declared with <see cref="StageOutputAttribute"/>.</param>
    /// <param name="key">The fact's name, e.g. <c>rows</c>.</param>
    /// <param name="value">Its value as text (invariant culture).</param>
    public abstract void SetOutputFact(string output, string key, string value);

    /// <summary>
    /// A fact the check of an earlier stage recorded about the output an option of this stage refers to, or null
    /// (no such reference, no such fact).
    /// </summary>
    /// <param name="option">The option's snake_case name.</param>
    /// <param name="key">The fact's name.</param>
    /// <returns>The value, or null.</returns>
    public abstract string? GetInputFact(string option, string key);

    /// <summary>Reads an environment variable of the invocation.</summary>
    /// <param name="name">The variable.</param>
    /// <returns>Its value, or null.</returns>
    public abstract string? GetEnvironmentVariable(string name);

    /// <summary>Creates an HttpClient with the run's retry handler (see <see cref="StageContext.CreateHttpClient"/>). Dispose it.</summary>
    /// <param name="options">Retry and timeout settings; null for the defaults.</param>
    /// <returns>A new HttpClient.</returns>
    public abstract HttpClient CreateHttpClient(HttpRetryOptions? options = null);
}
