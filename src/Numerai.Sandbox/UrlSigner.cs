using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>Signs and checks expiring URLs like S3 presigned URLs (HMAC over method, path and expiry; a key per server).</summary>
internal sealed class UrlSigner(TimeProvider time, TimeSpan lifetime)
{
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    public string Sign(string method, string path)
    {
        var expires = time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        return $"{path}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires={expires}&X-Amz-Signature={Signature(method, path, expires)}";
    }

    /// <summary>Checks a request; returns null when valid, else the S3 error (code, message).</summary>
    public (string Code, string Message)? Check(string method, string path, string? expires, string? signature)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var at) || signature is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Signature(method, path, at))))
        {
            return ("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
        }

        return time.GetUtcNow().ToUnixTimeSeconds() > at ? ("AccessDenied", "Request has expired") : null;
    }

    private string Signature(string method, string path, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{method}\n{path}\n{expires}")));
}
