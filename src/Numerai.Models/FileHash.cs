using System.Security.Cryptography;

namespace NumeraiPipeline.Numerai.Models;

/// <summary>Content fingerprints of data files (recorded in a model's training data info).</summary>
public static class FileHash
{
    /// <summary>The lower-case hex SHA-256 of a file, read sequentially in 1 MiB chunks.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The hash.</returns>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
