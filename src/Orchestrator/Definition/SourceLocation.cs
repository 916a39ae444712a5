namespace NumeraiPipeline.Orchestrator.Definition;

/// <summary>A position in a pipeline file, shown as <c>pipelines/x.yaml(14,7)</c>.</summary>
internal sealed record SourceLocation(string File, int Line, int Column)
{
    public static readonly SourceLocation None = new("<command line>", 0, 0);

    public override string ToString() => Line > 0 ? $"{DisplayPath(File)}({Line},{Column})" : DisplayPath(File);

    /// <summary>The path relative to the current directory when it is below it, else as given.</summary>
    public static string DisplayPath(string path)
    {
        if (!Path.IsPathRooted(path))
        {
            return path.Replace('\\', '/');
        }

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? path : relative).Replace('\\', '/');
    }
}
