namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>
/// What a document selects below a root field, by canonical names, so that a resolver can leave out expensive parts
/// nobody asked for (e.g. every day's scores of every round).
/// </summary>
internal sealed class GqlSelection(IReadOnlyList<GqlField>? fields)
{
    /// <summary>A selection of nothing (for resolvers called outside a document).</summary>
    public static GqlSelection None { get; } = new(null);

    /// <summary>Whether the path of canonical field names (e.g. <c>models</c>, <c>submissions</c>) is selected.</summary>
    public bool Has(params string[] path)
    {
        var level = fields;
        foreach (var name in path)
        {
            var field = level?.FirstOrDefault(f => SandboxSchema.Canonical(f.Name) == name);
            if (field is null)
            {
                return false;
            }

            level = field.Selections;
        }

        return true;
    }
}
