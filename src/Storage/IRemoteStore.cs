namespace NumeraiPipeline.Storage;

/// <summary>
/// A remote artifact store: a flat namespace of objects under slash-separated keys (a bucket prefix, a directory).
/// Implementations: <see cref="LocalDirectoryStore"/> and <see cref="GcsRemoteStore"/>; create one from a URI with
/// <see cref="RemoteStores.Create"/>.
/// </summary>
public interface IRemoteStore
{
    /// <summary>Where the store points, for messages: <c>gs://bucket/prefix</c> or a directory.</summary>
    string Location { get; }

    /// <summary>Uploads a local file to <paramref name="key"/>, replacing what is there. Readers never see a partial object.</summary>
    /// <param name="localPath">The file to upload.</param>
    /// <param name="key">The object key, e.g. <c>artifacts/daily/train/model.txt</c>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The stored object's info.</returns>
    Task<RemoteObjectInfo> UploadAsync(string localPath, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Downloads <paramref name="key"/> to <paramref name="localPath"/> atomically: into a temporary file beside it,
    /// checked against the object's hash, then renamed over the target. Creates the folder.
    /// </summary>
    /// <param name="key">The object key.</param>
    /// <param name="localPath">The target file.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task DownloadAsync(string key, string localPath, CancellationToken cancellationToken);

    /// <summary>Gets an object's size and hash, or null when it does not exist.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The info or null.</returns>
    Task<RemoteObjectInfo?> StatAsync(string key, CancellationToken cancellationToken);

    /// <summary>Lists the objects whose keys start with <paramref name="prefix"/> (empty: all), in key order.</summary>
    /// <param name="prefix">A key prefix such as <c>stamps/daily/</c>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The objects.</returns>
    IAsyncEnumerable<RemoteObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes an object.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>True when it existed.</returns>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a small object with its generation, for a later <see cref="WriteIfGenerationMatchAsync"/>; null when
    /// the key does not exist. The content and the generation always belong together.
    /// </summary>
    /// <param name="key">The object key.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The object, or null.</returns>
    Task<VersionedObject?> ReadVersionedAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a small object only if the key is still at <paramref name="ifGeneration"/> (0: only if it does not
    /// exist), atomically: of two writers naming the same generation exactly one succeeds (GCS: the
    /// <c>ifGenerationMatch</c> precondition; a folder: exclusive creation of the next generation's file).
    /// </summary>
    /// <param name="key">The object key.</param>
    /// <param name="content">The new content (not empty).</param>
    /// <param name="ifGeneration">The generation the key must be at; 0 for "absent".</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The new generation, or null when the precondition did not hold (someone else wrote first).</returns>
    Task<long?> WriteIfGenerationMatchAsync(string key, byte[] content, long ifGeneration, CancellationToken cancellationToken);
}
