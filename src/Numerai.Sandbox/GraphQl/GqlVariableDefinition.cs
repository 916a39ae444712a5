using System.Text.Json.Nodes;

namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>A variable definition <c>$name: Type = default</c>.</summary>
internal sealed record GqlVariableDefinition(string Name, string Type, JsonNode? Default)
{
    public bool NonNull => Type.EndsWith('!');
}
