namespace NumeraiPipeline.Orchestrator.Definition;

/// <summary>A YAML node that keeps its position, the pipeline file's own tree (before binding).</summary>
internal abstract record YNode(SourceLocation Location)
{
    public abstract string KindName { get; }

    public abstract YNode DeepClone();
}

/// <summary>A scalar; <see cref="Quoted"/> tells a quoted string from a plain scalar (which may be a number or bool).</summary>
internal sealed record YScalar(string? Value, bool Quoted, SourceLocation Location) : YNode(Location)
{
    public override string KindName => "a scalar";

    public bool IsNull => !Quoted && (Value is null || Value is "" or "~" or "null" or "Null" or "NULL");

    public override YNode DeepClone() => this;
}

internal sealed record YSequence(List<YNode> Items, SourceLocation Location) : YNode(Location)
{
    public override string KindName => "a list";

    public override YNode DeepClone() => new YSequence(Items.Select(i => i.DeepClone()).ToList(), Location);
}

internal sealed record YEntry(string Key, SourceLocation KeyLocation, YNode Value);

/// <summary>A mapping with its entries in file order.</summary>
internal sealed record YMapping(List<YEntry> Entries, SourceLocation Location) : YNode(Location)
{
    public override string KindName => "a map";

    public YNode? this[string key] => Entries.LastOrDefault(e => e.Key == key)?.Value;

    public YEntry? Entry(string key) => Entries.LastOrDefault(e => e.Key == key);

    public void Set(string key, SourceLocation keyLocation, YNode value)
    {
        var i = Entries.FindIndex(e => e.Key == key);
        if (i >= 0)
        {
            Entries[i] = Entries[i] with { Value = value };
        }
        else
        {
            Entries.Add(new YEntry(key, keyLocation, value));
        }
    }

    public override YNode DeepClone() =>
        new YMapping(Entries.Select(e => e with { Value = e.Value.DeepClone() }).ToList(), Location);
}
