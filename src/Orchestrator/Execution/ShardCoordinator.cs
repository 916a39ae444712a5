using Microsoft.Extensions.Logging;
using NumeraiPipeline.Storage;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>
/// Makes the tasks of a sharded run do each stage once: before running a stage that is not up to date, a task takes
/// the store lease of the stage's fingerprint. Holding it, it first looks whether the stage's stamp with this
/// fingerprint is in the store already (another task finished it), and pulls it if so; otherwise it runs the stage
/// and gives the lease back after pushing outputs and stamp. Not holding it, it polls the store for that stamp every
/// <see cref="ShardRunOptions.Poll"/> (on the run's clock), takes the lease when it is released or lapses (its holder
/// died: this task then does the work), and gives up after <see cref="ShardRunOptions.Wait"/> with NP6761.
/// </summary>
internal sealed partial class ShardCoordinator(RunStore store, string pipeline, ShardRunOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>The lease of one stage instance: its id and fingerprint (type, plugin, options, inputs) name the work.</summary>
    public static string LeaseName(string pipeline, string stageId, string fingerprint) => $"shard/{pipeline}/{stageId}/{fingerprint}";

    /// <param name="upToDateAfterPull">Whether the stage is up to date with what was pulled (its outputs' hashes checked).</param>
    public async Task<ShardClaim> ClaimAsync(string stageId, string fingerprint, Func<bool> upToDateAfterPull, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var deadline = started + options.Wait;
        var name = LeaseName(pipeline, stageId, fingerprint);
        var logged = false;
        while (true)
        {
            var lease = await store.TryAcquireLeaseAsync(name, options.Holder, options.LeaseTtl, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            if (lease is not null)
            {
                if (await PulledAsync(stageId, fingerprint, upToDateAfterPull, cancellationToken).ConfigureAwait(false))
                {
                    await lease.DisposeAsync().ConfigureAwait(false);
                    return ShardClaim.FromStore();
                }

                Log.Claimed(logger, stageId, options.Holder);
                return ShardClaim.Holding(lease, options.LeaseTtl, time, logger);
            }

            if (await PulledAsync(stageId, fingerprint, upToDateAfterPull, cancellationToken).ConfigureAwait(false))
            {
                Log.PulledAfterWait(logger, stageId, (time.GetUtcNow() - started).TotalSeconds);
                return ShardClaim.FromStore();
            }

            var now = time.GetUtcNow();
            var holder = (await store.ReadLeaseAsync(name, cancellationToken).ConfigureAwait(false))?.Holder ?? "another task";
            if (now >= deadline)
            {
                throw new StorageException(StorageErrors.ShardWaitExceeded, options.Wait, stageId, holder, store.Remote?.Location);
            }

            if (!logged)
            {
                Log.Waiting(logger, stageId, holder, options.Wait.TotalSeconds);
                logged = true;
            }

            var left = deadline - now;
            await Task.Delay(left < options.Poll ? left : options.Poll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> PulledAsync(string stageId, string fingerprint, Func<bool> upToDate, CancellationToken cancellationToken)
    {
        if (await store.StoredFingerprintAsync(pipeline, stageId, cancellationToken).ConfigureAwait(false) != fingerprint)
        {
            return false;
        }

        await store.PullStageAsync(pipeline, stageId, cancellationToken).ConfigureAwait(false);
        return upToDate();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Stage '{Stage}': this task ({Holder}) holds its lease and runs it")]
        public static partial void Claimed(ILogger logger, string stage, string holder);

        [LoggerMessage(2, LogLevel.Information, "Stage '{Stage}' is being run by {Holder}; waiting (up to {WaitSeconds:0} s) for its stamp in the store")]
        public static partial void Waiting(ILogger logger, string stage, string holder, double waitSeconds);

        [LoggerMessage(3, LogLevel.Information, "Stage '{Stage}' was done by another task: pulled from the store after {Seconds:0.0} s")]
        public static partial void PulledAfterWait(ILogger logger, string stage, double seconds);
    }
}
