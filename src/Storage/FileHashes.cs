using System.Security.Cryptography;

namespace NumeraiPipeline.Storage;

/// <summary>MD5 of files (the hash GCS keeps for every non-composite object), as lower-case hex.</summary>
internal static class FileHashes
{
    /// <summary>Hashes a file.</summary>
    public static async Task<string> Md5Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await MD5.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>Converts GCS's base64 MD5 to hex; null stays null.</summary>
    public static string? Base64ToHex(string? base64) =>
        string.IsNullOrEmpty(base64) ? null : Convert.ToHexStringLower(Convert.FromBase64String(base64));

    /// <summary>A temporary file name beside <paramref name="path"/>, in the same folder so the rename is atomic.</summary>
    public static string TempBeside(string path) => path + ".part-" + Guid.NewGuid().ToString("N")[..8];
}
