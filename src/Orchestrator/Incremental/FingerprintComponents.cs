using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NumeraiPipeline.Orchestrator.Incremental;

/// <summary>
/// The four parts of a stage's fingerprint: the stage type, the plugin identity (name, version, content hash), the
/// canonical options (secrets excluded; file inputs replaced by their content hashes) and an external version.
/// </summary>
internal sealed record FingerprintComponents(
    string StageType,
    string PluginName,
    string PluginVersion,
    string PluginHash,
    string Options,
    Dictionary<string, string> Inputs,
    string? ExternalVersion)
{
    /// <summary>The SHA-256 of every file the plugin may load (relative path → hash), so a changed dependency reruns.</summary>
    public Dictionary<string, string> PluginFiles { get; init; } = [];

    public string Compute()
    {
        var canonical = JsonSerializer.Serialize(new object?[] { StageType, PluginName, PluginVersion, PluginHash, Options, Inputs.OrderBy(k => k.Key, StringComparer.Ordinal).ToArray(), ExternalVersion, (PluginFiles ?? []).OrderBy(k => k.Key, StringComparer.Ordinal).ToArray() });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
