using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NumeraiPipeline.Orchestrator.Planning;
using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Incremental;

/// <summary>Builds a stage's fingerprint components from its bound options, its plugin and its external version.</summary>
internal static class FingerprintCalculator
{
    public static FingerprintComponents Compute(StageDescriptor descriptor, object options, FileHashCache hashes, IEnumerable<string> secretValues, string? externalVersion)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (option, artifact) in OptionsBinder.Artifacts(options))
        {
            var key = inputs.ContainsKey(option) ? $"{option}[{inputs.Keys.Count(k => k.StartsWith(option, StringComparison.Ordinal))}]" : option;
            inputs[key] = File.Exists(artifact.Path) ? hashes.Hash(artifact.Path) : "missing:" + artifact.Path;
        }

        var node = new JsonObject();
        foreach (var p in OptionsBinder.Properties(options.GetType()))
        {
            var value = p.Property.GetValue(options);
            node[p.Name] = value switch
            {
                ArtifactRef => JsonValue.Create("(input file)"),
                IEnumerable<ArtifactRef> list => new JsonArray(list.Select(_ => (JsonNode?)JsonValue.Create("(input file)")).ToArray()),
                _ => JsonSerializer.SerializeToNode(value, p.Property.PropertyType, OptionsBinder.For(p.Property.PropertyType)),
            };
        }

        var canonical = Canonical(node)?.ToJsonString() ?? "null";
        foreach (var secret in secretValues.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            canonical = canonical.Replace(JsonEncodedText.Encode(secret).ToString(), "***", StringComparison.Ordinal);
        }

        var pluginFiles = new Dictionary<string, string>(descriptor.Plugin.FileHashes(hashes.Hash), StringComparer.Ordinal);

        return new FingerprintComponents(descriptor.Id, descriptor.Plugin.Name, descriptor.Plugin.Version, descriptor.Plugin.ContentHash, canonical, inputs, externalVersion) { PluginFiles = pluginFiles };
    }

    /// <summary>Sorts object keys recursively, so the same options always give the same text.</summary>
    public static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
