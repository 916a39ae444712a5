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
    /// A folder of durable state of this stage type (<c>WORKSPACE/state/TYPE/</c>, shared by every pipeline of the
    /// workspace): ledgers, cursors, anything a later run must see, also from a fresh workspace. When the run has a
    /// store (<c>--store</c>), the host pulls it before the run and pushes the files a stage changed after the stage
    /// (and on <see cref="SaveStateAsync"/>); files are replaced whole, never merged, and never deleted from the store,
    /// so write one file per key that a lease guards rather than appending to a shared file.
    /// </summary>
    public abstract string StateDirectory { get; }

    /// <summary>
    /// Pushes the files of <see cref="StateDirectory"/> changed so far to the store now (before giving a lease back,
    /// so the next holder sees them); without a store it does nothing. Throws a <see cref="StageException"/> with an
    /// NP67xx code and exit code 3 when the store keeps failing.
    /// </summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public abstract Task SaveStateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes an expiring lease shared by every execution that uses the same store (without a store: the workspace),
    /// so that of racing executions only one does the work it guards. Waits up to <paramref name="wait"/> while
    /// another execution holds it; an expired lease is taken over. Once taken, <see cref="StateDirectory"/> holds
    /// what the previous holder saved. Dispose the lease to give it back. Throws a <see cref="StageException"/>
    /// (NP67xx, exit code 3) when the store keeps failing.
    /// </summary>
    /// <param name="name">
    /// The lease name: slash-separated segments of letters, digits and <c>.-_</c>, starting with the stage type,
    /// e.g. <c>numerai.submit/api-tournament.numer.ai/my_model/round-812</c>.
    /// </param>
    /// <param name="ttl">How long the lease lasts unless renewed (<see cref="StageLease.RenewAsync"/>).</param>
    /// <param name="wait">How long to wait for another holder; zero to try once.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The lease, or null when another execution held it for the whole wait.</returns>
    public abstract Task<StageLease?> TryAcquireLeaseAsync(string name, TimeSpan ttl, TimeSpan wait, CancellationToken cancellationToken);

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
