namespace NumeraiPipeline.Storage;

/// <summary>One retry of a store operation, as <see cref="ResilientRemoteStore.Retrying"/> reports it.</summary>
/// <param name="Operation">What was attempted: <c>list</c>, <c>upload</c>, ...</param>
/// <param name="Key">The key or prefix.</param>
/// <param name="Attempt">The attempt that failed (1 for the first).</param>
/// <param name="Delay">How long the store waits before the next attempt.</param>
/// <param name="Error">Why the attempt failed.</param>
public sealed record StoreRetry(string Operation, string Key, int Attempt, TimeSpan Delay, StorageException Error);
