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

        var serializer = OptionsBinder.SerializerOptions;
        serializer.Converters.Insert(0, new InputPlaceholderConverter());
        var node = new JsonObject();
        foreach (var p in OptionsBinder.Properties(options.GetType()))
        {
            node[p.Name] = JsonSerializer.SerializeToNode(p.Property.GetValue(options), p.Property.PropertyType, serializer);
        }

        var canonical = Canonical(node)?.ToJsonString() ?? "null";
        foreach (var secret in secretValues.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            canonical = canonical.Replace(JsonEncodedText.Encode(secret).ToString(), "***", StringComparison.Ordinal);
        }

        return new FingerprintComponents(descriptor.Id, descriptor.Plugin.Name, descriptor.Plugin.Version, descriptor.Plugin.ContentHash, canonical, inputs, externalVersion);
    }

    /// <summary>Sorts object keys recursively, so the same options always give the same text.</summary>
    public static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>
    /// Writes an ArtifactRef as a placeholder: its content hash is a separate component (Inputs), so a changed input
    /// is reported as such, and moving a file with the same content does not rerun the stage.
    /// </summary>
    private sealed class InputPlaceholderConverter : JsonConverter<ArtifactRef>
    {
        public override ArtifactRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, ArtifactRef value, JsonSerializerOptions options) =>
            writer.WriteStringValue("(input file)");
    }
}
