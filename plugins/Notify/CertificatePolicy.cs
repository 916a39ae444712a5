using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Decides whether the SMTP server's TLS certificate is accepted.</summary>
internal sealed class CertificatePolicy(string pinnedSha256, bool acceptAny)
{
    /// <summary>Set when the last certificate was refused, for the error message.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The callback given to MailKit.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (acceptAny)
        {
            return true;
        }

        if (pinnedSha256.Length > 0)
        {
            var actual = certificate is null ? "" : Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
            var expected = pinnedSha256.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
            if (string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            Refusal = $"its SHA-256 thumbprint {actual} is not the pinned {expected.ToUpperInvariant()}";
            return false;
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        Refusal = $"it is not trusted ({errors})";
        return false;
    }
}
