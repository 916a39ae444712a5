namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>A field of the sandbox schema: its type (e.g. <c>[Round]</c>, <c>String</c>), arguments (name → type) and whether it needs keys.</summary>
internal sealed record GqlFieldDefinition(string Type, IReadOnlyDictionary<string, string> Arguments, bool Authenticated = false)
{
    /// <summary>The named type without list and non-null markers.</summary>
    public string NamedType => Type.Trim('[', ']', '!');
}
