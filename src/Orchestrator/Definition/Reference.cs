namespace NumeraiPipeline.Orchestrator.Definition;

internal enum ReferenceKind
{
    Vars,
    Env,
    Secrets,
    Stages,
    Matrix,
    Unknown,
}

/// <summary>One <c>${...}</c> in a value: its kind, the dotted parts after the namespace, and an optional default.</summary>
internal sealed record Reference(ReferenceKind Kind, string Text, IReadOnlyList<string> Parts, string? Default, int Start, int Length)
{
    /// <summary>For <c>${stages.X.outputs.Y}</c>: the stage id X.</summary>
    public string? StageId => Kind == ReferenceKind.Stages && Parts.Count > 0 ? Parts[0] : null;

    /// <summary>For <c>${stages.X.outputs.Y}</c>: the output name Y.</summary>
    public string? OutputName => Kind == ReferenceKind.Stages && Parts.Count == 3 && Parts[1] == "outputs" ? Parts[2] : null;
}
