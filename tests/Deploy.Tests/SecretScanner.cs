using System.Text.RegularExpressions;

namespace NumeraiPipeline.Deploy.Tests;

/// <summary>Finds strings that look like credentials: private keys, cloud and chat tokens, Numerai keys, assigned secrets.</summary>
internal static partial class SecretScanner
{
    private static readonly (string Kind, Regex Pattern)[] Patterns =
    [
        ("private key", PrivateKey()),
        ("service account key file", ServiceAccountKey()),
        ("Google API key", GoogleApiKey()),
        ("Google OAuth access token", GoogleAccessToken()),
        ("Slack webhook URL", SlackWebhook()),
        ("Slack token", SlackToken()),
        ("AWS access key", AwsKey()),
        ("Numerai-style key (32 or 64 upper-case letters and digits)", NumeraiKey()),
        ("secret assigned a literal value", AssignedSecret()),
    ];

    /// <summary>Returns one finding per match: "kind: text".</summary>
    public static IEnumerable<string> Scan(string text)
    {
        foreach (var (kind, pattern) in Patterns)
        {
            foreach (Match m in pattern.Matches(text))
            {
                yield return $"{kind}: {m.Value}";
            }
        }
    }

    [GeneratedRegex("-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex("\"private_key(_id)?\"\\s*:")]
    private static partial Regex ServiceAccountKey();

    [GeneratedRegex("AIza[0-9A-Za-z_\\-]{35}")]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex("ya29\\.[0-9A-Za-z_\\-]{20,}")]
    private static partial Regex GoogleAccessToken();

    [GeneratedRegex("hooks\\.slack\\.com/services/T[0-9A-Z]+/B[0-9A-Z]+/[0-9A-Za-z]+")]
    private static partial Regex SlackWebhook();

    [GeneratedRegex("xox[abposr]-[0-9A-Za-z\\-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex("\\bAKIA[0-9A-Z]{16}\\b")]
    private static partial Regex AwsKey();

    [GeneratedRegex("\\b(?=[A-Z0-9]*[0-9])(?=[A-Z0-9]*[A-Z])([A-Z0-9]{64}|[A-Z0-9]{32})\\b")]
    private static partial Regex NumeraiKey();

    // NAME = "value" / NAME: value / ENV NAME=value where NAME ends in SECRET, PASSWORD, TOKEN or KEY and the value is
    // a literal of 12+ characters (references such as ${secrets.X}, var.x or secret_key_ref do not match).
    [GeneratedRegex("(?i)\\b[A-Z_]*(SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|SECRET_KEY)\\b\\s*[:=]\\s*\"?(?![\\$\\{]|var\\.|google_|each\\.|env\\.)[A-Za-z0-9+/_\\-]{12,}")]
    private static partial Regex AssignedSecret();
}
