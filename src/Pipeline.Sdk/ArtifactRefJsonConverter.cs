using System.Text.Json;
using System.Text.Json.Serialization;

namespace NumeraiPipeline.Sdk;

/// <summary>Reads and writes an <see cref="ArtifactRef"/> as a plain JSON string.</summary>
public sealed class ArtifactRefJsonConverter : JsonConverter<ArtifactRef>
{
    /// <inheritdoc />
    public override ArtifactRef? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("expected a file path (a string)");
        }

        return new ArtifactRef(reader.GetString()!);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ArtifactRef value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Path);
}
