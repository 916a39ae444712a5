using System.Security.Cryptography;
using System.Text;

namespace NumeraiPipeline.CloudTrigger;

/// <summary>Compares a presented secret with the configured one in constant time.</summary>
internal static class SharedSecret
{
    /// <summary>The header that carries the secret (the query parameter <c>secret</c> is accepted too).</summary>
    public const string Header = "X-Trigger-Secret";

    /// <summary>
    /// True when <paramref name="presented"/> equals <paramref name="expected"/>. Both are hashed first, so the
    /// comparison takes the same time whatever the lengths and wherever they first differ.
    /// </summary>
    public static bool Matches(string? presented, string expected)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
