using System.Security.Cryptography;
using System.Text;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>The <c>X-Signature-256</c> header value: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the body bytes.</summary>
internal static class WebhookSignature
{
    /// <summary>The header name.</summary>
    public const string Header = "X-Signature-256";

    /// <summary>Signs the exact bytes that are sent.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
