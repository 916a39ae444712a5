namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>A field selection: <c>alias: name(args) { selections }</c>.</summary>
internal sealed record GqlField(string? Alias, string Name, IReadOnlyList<KeyValuePair<string, GqlValue>> Arguments, IReadOnlyList<GqlField>? Selections, int Line, int Column)
{
    /// <summary>The response key: the alias, else the name as written.</summary>
    public string ResponseKey => Alias ?? Name;
}
