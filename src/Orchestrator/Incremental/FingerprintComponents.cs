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
    public string Compute()
    {
        var canonical = JsonSerializer.Serialize(new object?[] { StageType, PluginName, PluginVersion, PluginHash, Options, Inputs.OrderBy(k => k.Key, StringComparer.Ordinal).ToArray(), ExternalVersion });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
