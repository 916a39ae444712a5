using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.Sdk;

/// <summary>Everything a running stage may touch. The host provides the implementation.</summary>
public abstract class StageContext
{
    /// <summary>The id of this run (also on every span and log record).</summary>
    public abstract string RunId { get; }

    /// <summary>The pipeline's name.</summary>
    public abstract string PipelineName { get; }

    /// <summary>The stage's id in the pipeline (the key under <c>stages:</c>).</summary>
    public abstract string StageId { get; }

    /// <summary>The workspace folder of the run: the root under which the host keeps artifacts and state.</summary>
    public abstract string WorkspaceDirectory { get; }

    /// <summary>A scratch folder of this stage for temporary or cached files (not an output; may be reused between runs).</summary>
    public abstract string ScratchDirectory { get; }

    /// <summary>The only way to write outputs: atomic (temporary name, then rename) and recorded.</summary>
    public abstract IStageOutputs Outputs { get; }

    /// <summary>The logger of this stage (category = stage type).</summary>
    public abstract ILogger Logger { get; }

    /// <summary>The run's ActivitySource: start child spans of the stage span with it.</summary>
    public abstract ActivitySource ActivitySource { get; }

    /// <summary>Reports progress (downloads, training iterations) to the console and the log.</summary>
    public abstract IProgress<StageProgress> Progress { get; }

    /// <summary>Secrets (NUMERAI_SECRET_KEY, webhook URLs, ...). Values read here are redacted everywhere.</summary>
    public abstract ISecretStore Secrets { get; }

    /// <summary>The clock; tests replace it.</summary>
    public abstract TimeProvider Time { get; }

    /// <summary>The outcomes of the stages of this run so far (for notifiers and gates).</summary>
    public abstract RunSnapshot Run { get; }

    /// <summary>
    /// Creates an HttpClient whose handler retries idempotent requests on connection failures, timeouts and 5xx
    /// with exponential backoff and jitter. Dispose it when done.
    /// </summary>
    /// <param name="options">Retry and timeout settings; null for the defaults.</param>
    /// <returns>A new HttpClient.</returns>
    public abstract HttpClient CreateHttpClient(HttpRetryOptions? options = null);

    /// <summary>Adds a key/value shown in the outcome table at the end of the run and in the run journal.</summary>
    /// <param name="key">A short key, e.g. <c>rows</c>.</param>
    /// <param name="value">The value as shown.</param>
    public abstract void AddSummary(string key, string value);

    /// <summary>
    /// Registers a resource that must live until the whole run ends (e.g. an in-process server that later stages
    /// use). The host disposes it after the last stage.
    /// </summary>
    /// <param name="resource">The resource.</param>
    public abstract void RegisterRunResource(IAsyncDisposable resource);
}
